export * from './german-credit';
export * from './every-op-model';
export * from './run-onnx';
export * from '../trees/test-trees';
