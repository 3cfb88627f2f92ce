/** Reading a posted proposal form: the fields through the shared schema, the body through the rich-text check. */
import { parseWithZod } from "@conform-to/zod/v4";
import type { ProposalFormReply } from "#app/components/ProposalForm.tsx";
import { proposalSchema } from "#app/forms/proposal.ts";
import { readRichText } from "#app/richtext/form.ts";
import type { ProposalInput } from "./proposals.server.ts";

export type ReadProposal = { ok: true; input: ProposalInput } | { ok: false; reply: ProposalFormReply };

export function readProposalForm(formData: FormData): ReadProposal {
  const submission = parseWithZod(formData, { schema: proposalSchema });
  const rich = readRichText(formData);
  const bodyDoc = rich.ok ? rich.doc : null;
  if (submission.status !== "success" || !rich.ok) {
    return { ok: false, reply: { result: submission.reply(), bodyError: rich.ok ? null : rich.error, bodyDoc } };
  }
  const value = submission.value;
  return {
    ok: true,
    input: { title: value.title, summary: value.summary, themeId: value.themeId, actionPointId: value.actionPointId ?? null, body: rich.doc, html: rich.html },
  };
}

/** A refusal after validation (window closed, unknown theme, ...), keeping everything that was written. */
export function refuseProposal(formData: FormData, formError: string | null, fieldErrors: Record<string, string[]> = {}): ProposalFormReply {
  const submission = parseWithZod(formData, { schema: proposalSchema });
  const rich = readRichText(formData);
  return { result: submission.reply({ formErrors: formError ? [formError] : undefined, fieldErrors }), bodyError: null, bodyDoc: rich.ok ? rich.doc : null };
}
