/** Input schemas of the notifications routes. */
import { z } from 'zod';

export const listQuerySchema = z
  .object({
    /** true: unread only. */
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
