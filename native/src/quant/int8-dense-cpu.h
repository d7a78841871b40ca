// CPU INT8 kernels: input quantisation, weight packing and the dense op, in three instruction sets
// chosen at run time (AVX2 everywhere the build runs; AVX-VNNI and AVX-512 VNNI where the CPU has them).
#pragma once
#include <cstdint>
#include <vector>

#include "int8-dense.h"

namespace studio::quant {

/** Symmetric quantisation (ONNX QuantizeLinear, zero point 0): round half to even of v / scale, saturated to ±127. */
int8_t quantize_value(float v, float scale);
/** Quantizes rows x k floats into rows x k_pad int8 values, zero padded. */
void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out);
/** Packs row-major int8 weights [k, n] into the [k_pad / 4, n_pad, 4] layout of Int8DenseArgs. */
std::vector<int8_t> pack_weights(const int8_t* w, int64_t k, int64_t n);
/**
 * Kernels of the int8 dense. All compute the same exact int32 sums and the same epilogue, so their
 * outputs are bitwise identical; they differ only in speed.
 *   Avx2:       vpmaddubsw + vpmaddwd (the build's baseline, x86-64-v3)
 *   AvxVnni:    256-bit vpdpbusd (VEX)
 *   Avx512Vnni: 512-bit vpdpbusd (EVEX), column tails by mask
 */
enum class Int8Isa : int { Avx2 = 0, AvxVnni = 1, Avx512Vnni = 2 };
/** "avx2", "avxvnni" or "avx512vnni" (the values of STUDIO_INT8_ISA and backendInfo().int8). */
const char* int8_isa_name(Int8Isa isa);
/** Whether this CPU (and OS) can run the kernel. */
bool int8_isa_supported(Int8Isa isa);
/**
 * The kernel int8_dense_cpu uses: STUDIO_INT8_ISA (read once) when set to a supported name, AVX2 when
 * it names one this CPU lacks, else the widest supported.
 */
Int8Isa int8_isa();
/** The kernel a STUDIO_INT8_ISA value selects (null or empty: the widest supported). */
Int8Isa int8_isa_for(const char* request);
/** Switches int8_dense_cpu to `isa` for the whole process (tests); throws BadOption when unsupported. */
void set_int8_isa(Int8Isa isa);
/** The int8 dense on one kernel (which must be supported); rows split across a.pool when large enough. */
void int8_dense_cpu_isa(const Int8DenseArgs& a, Int8Isa isa);
/** The CPU backend's int8 dense on int8_isa(). */
void int8_dense_cpu(const Int8DenseArgs& a);

}  // namespace studio::quant
