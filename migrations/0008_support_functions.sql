-- Supporting and withdrawing a support, each as one statement the app sends (app/supports.server.ts).
-- The rules are the ones the app kept in a transaction of five statements before; here they run inside the
-- database in one round trip. Locks in the same order as every other writer: the proposal row first, then
-- the person's support row, then their budget row, so a status change at the same moment (which locks the
-- proposal first) comes entirely before or after, and nothing can deadlock.
-- p_supportable: the statuses whose proposals may be supported (SUPPORTABLE in the app, its one source).
-- The proposal locked for a support or its withdrawal, with its plan's budget; or why it cannot be (re)supported:
-- 'notFound', 'notSupportable' (its status), 'windowClosed' (the plan's support window, by the database's clock,
-- the transaction's start, so every app instance judges it alike).
CREATE FUNCTION "lock_proposal_for_support"(p_proposal integer, p_supportable "proposal_status"[], OUT o_refusal text, OUT o_plan integer, OUT o_budget integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_status "proposal_status";
  v_open timestamptz;
  v_close timestamptz;
BEGIN
  SELECT p.plan_id, p.status, pl.support_open_at, pl.support_close_at, pl.support_budget
    INTO o_plan, v_status, v_open, v_close, o_budget
    FROM proposals p JOIN plans pl ON pl.id = p.plan_id
   WHERE p.id = p_proposal
     FOR NO KEY UPDATE OF p;
  IF NOT FOUND THEN
    o_refusal := 'notFound';
  ELSIF NOT (v_status = ANY (p_supportable)) THEN
    o_refusal := 'notSupportable';
  ELSIF v_open IS NULL OR now() < v_open OR (v_close IS NOT NULL AND now() >= v_close) THEN
    o_refusal := 'windowClosed';
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "support_proposal"(p_proposal integer, p_user integer, p_supportable "proposal_status"[])
RETURNS TABLE ("outcome" text, "new_count" integer, "budget_left" integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_refusal text;
  v_plan integer;
  v_budget integer;
  v_used integer;
  v_count integer;
BEGIN
  SELECT l.o_refusal, l.o_plan, l.o_budget INTO v_refusal, v_plan, v_budget FROM lock_proposal_for_support(p_proposal, p_supportable) l;
  IF v_refusal IS NULL AND v_budget IS NOT NULL AND v_budget < 1 THEN
    v_refusal := 'budgetSpent';
  END IF;
  IF v_refusal IS NOT NULL THEN
    RETURN QUERY SELECT v_refusal, NULL::integer, NULL::integer; RETURN;
  END IF;

  -- One support per person per proposal: the primary key decides.
  INSERT INTO supports (proposal_id, user_id) VALUES (p_proposal, p_user) ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'alreadySupported', NULL::integer, NULL::integer; RETURN;
  END IF;

  -- Claims one unit of the budget: inserts used = 1, or raises used only while it is below the budget.
  INSERT INTO support_budgets AS b (plan_id, user_id, used) VALUES (v_plan, p_user, 1)
    ON CONFLICT (plan_id, user_id) DO UPDATE SET used = b.used + 1 WHERE v_budget IS NULL OR b.used < v_budget
    RETURNING b.used INTO v_used;
  IF NOT FOUND THEN
    -- The support row is this transaction's own and not yet visible to anyone: take it back.
    DELETE FROM supports s WHERE s.proposal_id = p_proposal AND s.user_id = p_user;
    RETURN QUERY SELECT 'budgetSpent', NULL::integer, NULL::integer; RETURN;
  END IF;

  UPDATE proposals p SET support_count = p.support_count + 1 WHERE p.id = p_proposal RETURNING p.support_count INTO v_count;
  -- Supporters follow the proposal (its answers and status changes reach them).
  INSERT INTO follows (user_id, subject_type, subject_id) VALUES (p_user, 'proposal', p_proposal) ON CONFLICT DO NOTHING;
  RETURN QUERY SELECT 'ok', v_count, CASE WHEN v_budget IS NULL THEN NULL ELSE greatest(0, v_budget - v_used) END;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "withdraw_support"(p_proposal integer, p_user integer, p_supportable "proposal_status"[])
RETURNS TABLE ("outcome" text, "new_count" integer, "budget_left" integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_refusal text;
  v_plan integer;
  v_budget integer;
  v_used integer;
  v_count integer;
BEGIN
  -- Supports of withdrawn or merged proposals were already released; taking them back again would return the budget twice.
  SELECT l.o_refusal, l.o_plan, l.o_budget INTO v_refusal, v_plan, v_budget FROM lock_proposal_for_support(p_proposal, p_supportable) l;
  IF v_refusal IS NOT NULL THEN
    RETURN QUERY SELECT v_refusal, NULL::integer, NULL::integer; RETURN;
  END IF;

  DELETE FROM supports s WHERE s.proposal_id = p_proposal AND s.user_id = p_user;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'notSupported', NULL::integer, NULL::integer; RETURN;
  END IF;
  UPDATE support_budgets b SET used = b.used - 1 WHERE b.plan_id = v_plan AND b.user_id = p_user RETURNING b.used INTO v_used;
  UPDATE proposals p SET support_count = p.support_count - 1 WHERE p.id = p_proposal RETURNING p.support_count INTO v_count;
  RETURN QUERY SELECT 'ok', v_count, CASE WHEN v_budget IS NULL THEN NULL ELSE greatest(0, v_budget - coalesce(v_used, 0)) END;
END
$$;
