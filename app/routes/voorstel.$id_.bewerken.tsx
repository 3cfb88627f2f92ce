import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { ProposalForm } from "#app/components/ProposalForm.tsx";
import { LiveReadabilityMeter } from "#app/components/ReadabilityMeter.tsx";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { Locale } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { can, type Actor } from "#app/permissions.server.ts";
import { readProposalForm, refuseProposal } from "#app/proposal-form.server.ts";
import { getPlanWindows, getProposal, proposalChoices, updateProposal } from "#app/proposals.server.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import { idParam } from "#app/forms/ids.ts";

async function editable(rawId: string | undefined, locale: Locale, actor: Actor) {
  const proposalId = idParam(rawId);
  const proposal = proposalId ? await getProposal({ proposalId, locale }) : null;
  if (!proposal) throw new Response("Not Found", { status: 404 });
  const windows = (await getPlanWindows({ planId: proposal.planId }))!;
  const target = { kind: "proposal", authorId: proposal.authorId, status: proposal.status, themeId: proposal.themeId, themeNumber: proposal.theme.number, supportCount: proposal.supportCount, supportOpen: windows.supporting.state === "open" } as const;
  if (!can(actor, "proposal.edit", target)) throw new Response("Forbidden", { status: 403 });
  return proposal;
}

export const loader = loaderWith("contribution.create", async ({ params, locale, actor }) => {
  const proposal = await editable(params.id, locale, actor);
  return {
    id: proposal.id,
    defaults: { title: proposal.title, summary: proposal.summary, themeId: proposal.themeId, actionPointId: proposal.actionPointId, body: proposal.body as RichDoc },
    choices: await proposalChoices({ planId: proposal.planId, locale }),
  };
});

/** Saves the changes unless someone supported the proposal in the meantime. */
export const action = actionWith("contribution.create", async ({ request, params, locale, actor }) => {
  const proposal = await editable(params.id, locale, actor);
  const formData = await request.formData();
  const read = readProposalForm(formData);
  if (!read.ok) return data(read.reply, { status: 400 });
  const result = await updateProposal({ proposalId: proposal.id, authorId: actor!.id, input: read.input });
  if (!result.ok) {
    if (result.reason === "unknownTheme" || result.reason === "unknownActionPoint") {
      return data(refuseProposal(formData, null, { [result.reason === "unknownTheme" ? "themeId" : "actionPointId"]: [`proposal.${result.reason}`] }), { status: 400 });
    }
    return data(refuseProposal(formData, "proposal.locked"), { status: 409 });
  }
  throw redirect(`/voorstel/${proposal.id}`);
});

export default function EditProposal() {
  const { id, defaults, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("proposal.edit")}</Heading1>
      <Paragraph>{t("proposal.editHint")}</Paragraph>
      <ProposalForm id="voorstel-bewerken" reply={reply} choices={choices} defaults={defaults} submitLabel={t("proposal.save")} cancelTo={`/voorstel/${id}`}>
        <LiveReadabilityMeter formId="voorstel-bewerken" headingLevel={2} />
      </ProposalForm>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("proposal.edit") }));
