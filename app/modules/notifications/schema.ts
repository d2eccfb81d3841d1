// Forms of the notifications page: mark one notification as read, or all.
import { z } from "zod";

export const markReadSchema = z.object({
  id: z.string().trim().min(1, "notifications.errors.notFound").max(100, "notifications.errors.notFound"),
});
