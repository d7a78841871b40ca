import type { z } from 'zod';
import type { createProjectBodySchema, updateProjectBodySchema } from './projects';
import type { fromTemplateBodySchema, previewBodySchema, startRunBodySchema } from './runs';
import type { createKeyBodySchema, rollbackBodySchema } from './deployments';
import type {
  addMemberBodySchema,
  changePasswordBodySchema,
  createTokenBodySchema,
  createUserBodySchema,
  signInBodySchema,
  updateMemberBodySchema,
  updateUserBodySchema,
} from './auth';

/** Request bodies as a client writes them (defaults optional), for the web app and the CLI. */
export type CreateProjectBody = z.input<typeof createProjectBodySchema>;
export type UpdateProjectBody = z.input<typeof updateProjectBodySchema>;
export type FromTemplateBody = z.input<typeof fromTemplateBodySchema>;
export type StartRunBody = z.input<typeof startRunBodySchema>;
export type PreviewBody = z.input<typeof previewBodySchema>;
export type CreateKeyBody = z.input<typeof createKeyBodySchema>;
export type RollbackBody = z.input<typeof rollbackBodySchema>;
export type SignInBody = z.input<typeof signInBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;
export type AddMemberBody = z.input<typeof addMemberBodySchema>;
export type UpdateMemberBody = z.input<typeof updateMemberBodySchema>;
