import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { ProposalForm } from "#app/components/ProposalForm.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { LiveReadabilityMeter } from "#app/components/ReadabilityMeter.tsx";
import { WindowNote } from "#app/components/WindowNote.tsx";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { limitedHeaders, retryAfterHeaders } from "#app/retry-after.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { can, type Actor } from "#app/permissions.server.ts";
import { readProposalForm, refuseProposal } from "#app/proposal-form.server.ts";
import { createProposal, getDraftingPlan, proposalChoices } from "#app/proposals.server.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import type { Locale } from "#app/i18n/index.ts";

async function planFor(locale: Locale, actor: Actor) {
  const plan = await getDraftingPlan({ locale });
  if (!plan) throw new Response("Not Found", { status: 404 });
  const mayPropose = can(actor, "proposal.create", { kind: "plan", planId: plan.id, proposalsOpen: plan.proposing.state === "open", supportOpen: plan.supporting.state === "open" });
  return { plan, mayPropose };
}

export const loader = loaderWith("contribution.create", async ({ locale, actor }) => {
  const { plan, mayPropose } = await planFor(locale, actor);
  return { plan, mayPropose, choices: await proposalChoices({ planId: plan.id, locale }), submissionKey: mayPropose ? newSubmissionKey() : null };
});

export const action = actionWith("contribution.create", async ({ request, locale, actor }) => {
  const { plan, mayPropose } = await planFor(locale, actor);
  const formData = await request.formData();
  if (!mayPropose) return data(refuseProposal(formData, "proposal.windowClosed"), { status: 403 });
  const read = readProposalForm(formData);
  if (!read.ok) return data(read.reply, { status: 400 });
  const result = await createProposal({ planId: plan.id, authorId: actor!.id, input: read.input, submissionKey: submissionKeyOf(formData) });
  if (!result.ok) {
    switch (result.reason) {
      case "timeout":
        return data(refuseProposal(formData, "moderation.write.timeout"), { status: 403 });
      case "rateLimited":
        return data(refuseProposal(formData, "moderation.write.proposalRateLimited"), { status: 429, headers: limitedHeaders(result.limit, result.retryAfter) });
      case "unknownTheme":
        return data(refuseProposal(formData, null, { themeId: ["proposal.unknownTheme"] }), { status: 400 });
      case "unknownActionPoint":
        return data(refuseProposal(formData, null, { actionPointId: ["proposal.unknownActionPoint"] }), { status: 400 });
      case "keyReused":
        return data(refuseProposal(formData, "submission.keyReused"), { status: 422 });
    }
  }
  throw redirect(`/voorstel/${result.id}`);
});

export const clientAction = keepUnsavedForms<typeof action>();

export default function NewProposal() {
  const { plan, mayPropose, choices, submissionKey } = useLoaderData<typeof loader>();
  const { reply, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("proposal.newTitle")}</Heading1>
      <Paragraph>{t("proposal.newIntro", { plan: plan.title.text })}</Paragraph>
      <WindowNote kind="proposals" window={plan.proposing} />
      {mayPropose || reply || notSaved ? (
        <ProposalForm id="voorstel" reply={reply} notSaved={notSaved} choices={choices} submitLabel={t("proposal.submit")} cancelTo="/voorstellen" submissionKey={submissionKey}>
          <LiveReadabilityMeter formId="voorstel" headingLevel={2} />
        </ProposalForm>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("proposal.newTitle") }));

export const headers = retryAfterHeaders;
