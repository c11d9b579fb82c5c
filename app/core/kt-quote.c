/* kt-quote.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quote: for one member, one purchase and the shop's schemes, the
 * discount lines with their reasons, the points and the amount to pay.
 * It is a pure function of its arguments, so the till, the simulator and
 * the recorded purchase always agree, and the tests need no database.
 *
 * Each scheme that applies proposes a *candidate*: one or more lines that
 * belong together (a tier and the referrer's extra on it are one card
 * discount). The shop's policy then keeps the best candidate or all of
 * them, and the cap and the category maximum cut the result from the last
 * line back, so the lines always add up to the discount shown.
 */

#define G_LOG_DOMAIN "kt-quote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-quote.h"

#define BP_FULL 10000

typedef struct
{
  GPtrArray *lines;     /* of KtQuoteLine */
  KtMoney    total;
} Candidate;

typedef struct
{
  const KtMemberState   *state;
  const KtQuoteSettings *settings;
  const KtPurchaseInput *purchase;
  GDate                  date;
  char                   day[16];       /* the purchase date as YYYY-MM-DD */
  const KtTier          *tier;          /* reached before this purchase */
  const KtScheme        *points;        /* the points scheme that applies */
  gint64                 multiplier_bp; /* the best points promotion */
  GPtrArray             *candidates;    /* of Candidate */
} Context;

static void
line_free (gpointer data)
{
  KtQuoteLine *line = data;

  g_free (line->reason);
  g_free (line);
}

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_ptr_array_unref (candidate->lines);
  g_free (candidate);
}

void
kt_quote_free (KtQuote *quote)
{
  if (quote == NULL)
    return;

  g_ptr_array_unref (quote->lines);
  g_array_unref (quote->effects);
  g_ptr_array_unref (quote->notices);
  g_free (quote->points_usable_on);
  g_free (quote->points_expire_on);
  g_free (quote->tier);
  g_free (quote);
}

static KtQuoteLine *
line_new (const KtScheme *scheme,
          KtMoney         amount,
          char           *reason)
{
  KtQuoteLine *line = g_new0 (KtQuoteLine, 1);

  line->scheme_id = scheme->id;
  line->kind = scheme->kind;
  line->amount = amount;
  line->reason = reason;

  return line;
}

static Candidate *
candidate_add (Context *ctx)
{
  Candidate *candidate = g_new0 (Candidate, 1);

  candidate->lines = g_ptr_array_new_with_free_func (line_free);
  g_ptr_array_add (ctx->candidates, candidate);

  return candidate;
}

static void
candidate_add_line (Candidate   *candidate,
                    KtQuoteLine *line)
{
  g_ptr_array_add (candidate->lines, line);
  candidate->total += line->amount;
}

static const KtSchemeCounter *
find_counter (const KtMemberState *state,
              gint64               scheme_id)
{
  for (guint i = 0; i < state->n_counters; i++)
    if (state->counters[i].scheme_id == scheme_id)
      return &state->counters[i];

  return NULL;
}

static void
add_effect (KtQuote      *quote,
            gint64        scheme_id,
            KtEffectKind  kind,
            gint64        value)
{
  KtQuoteEffect effect = { scheme_id, kind, value };

  g_array_append_val (quote->effects, effect);
}

/* ---- input ------------------------------------------------------------ */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_settings (const KtQuoteSettings  *settings,
                GError                **error)
{
  if (settings->combine != KT_COMBINE_BEST && settings->combine != KT_COMBINE_ADD)
    return invalid (error, _("The way discounts combine is unknown."));
  if (settings->cap_bp < 0 || settings->cap_bp > BP_FULL)
    return invalid (error, _("The discount cap must be 0 to 100 %."));

  for (guint i = 0; i < settings->n_limits; i++)
    if (settings->limits[i].max_bp < 0 || settings->limits[i].max_bp > BP_FULL)
      return invalid (error, _("A category’s maximum discount must be 0 to 100 %."));

  return TRUE;
}

static gboolean
read_purchase (Context  *ctx,
               GError  **error)
{
  const KtPurchaseInput *purchase = ctx->purchase;
  g_autoptr(GDateTime) at = NULL;

  if (purchase->amount < 0)
    return invalid (error, _("The amount of a purchase cannot be negative."));
  if (purchase->amount > KT_MONEY_MAX)
    return invalid (error, _("The amount is too large to be a purchase."));
  if (purchase->items < 0)
    return invalid (error, _("The number of items cannot be negative."));
  if (purchase->points_to_redeem < 0)
    return invalid (error, _("The points to redeem cannot be negative."));
  if (!kt_datetime_parse (purchase->at, &at, error))
    return FALSE;

  g_date_clear (&ctx->date, 1);
  g_date_set_dmy (&ctx->date, (GDateDay) g_date_time_get_day_of_month (at),
                  (GDateMonth) g_date_time_get_month (at),
                  (GDateYear) g_date_time_get_year (at));
  g_snprintf (ctx->day, sizeof ctx->day, "%04d-%02d-%02d",
              g_date_time_get_year (at), g_date_time_get_month (at),
              g_date_time_get_day_of_month (at));

  return TRUE;
}

/* ---- who a scheme applies to ------------------------------------------ */

static gboolean
is_live (const Context  *ctx,
         const KtScheme *scheme)
{
  return scheme->active && kt_scheme_is_valid_on (scheme, &ctx->date);
}

static gboolean
applies_to (const Context  *ctx,
            const KtScheme *scheme)
{
  if (!is_live (ctx, scheme))
    return FALSE;

  switch (scheme->audience)
    {
    case KT_AUDIENCE_STATUS:
      return ctx->state->status == scheme->audience_status;
    case KT_AUDIENCE_TIER:
      return ctx->tier != NULL
             && g_strcmp0 (ctx->tier->name, scheme->audience_tier) == 0;
    case KT_AUDIENCE_EVERYONE:
    default:
      return TRUE;
    }
}

/* What a progressive scheme counts, as of before this purchase. A calendar
 * year total kept for another year is last year's: the member drops back
 * on 1 January without the store having to reset anything at midnight.
 */
static KtMoney
progressive_spent (const Context  *ctx,
                   const KtScheme *scheme)
{
  const KtSchemeCounter *counter;

  switch (scheme->period)
    {
    case KT_PERIOD_CALENDAR_YEAR:
      if (ctx->state->year != (gint) g_date_get_year (&ctx->date))
        return 0;
      return ctx->state->year_spent;
    case KT_PERIOD_LAST_DAYS:
      counter = find_counter (ctx->state, scheme->id);
      return counter != NULL ? counter->window_spent : 0;
    case KT_PERIOD_ALL_TIME:
    default:
      return ctx->state->total_spent;
    }
}

/* The member's tier is the best one reached in any progressive scheme.
 * Tier-audience schemes need it, so it is found before anything else;
 * progressive schemes cannot be tier-audience (kt_scheme_validate()).
 */
static const KtScheme *
find_tier (Context             *ctx,
           KtScheme *const     *schemes,
           guint                n_schemes)
{
  const KtScheme *best_scheme = NULL;

  for (guint i = 0; i < n_schemes; i++)
    {
      const KtScheme *scheme = schemes[i];
      const KtTier *tier;

      if (scheme->kind != KT_SCHEME_PROGRESSIVE || !applies_to (ctx, scheme))
        continue;
      tier = kt_scheme_tier_for (scheme, progressive_spent (ctx, scheme));
      if (tier != NULL && (ctx->tier == NULL || tier->bp > ctx->tier->bp))
        {
          ctx->tier = tier;
          best_scheme = scheme;
        }
    }

  return best_scheme;
}

/* ---- candidates ------------------------------------------------------- */

static char *
percent_reason (const char *what,
                gint64      bp)
{
  g_autofree char *percent = kt_bp_format (bp);

  /* Translators: a discount line, e.g. "VIP card 5 %" */
  return g_strdup_printf (_("%s %s"), what, percent);
}

/* The accumulated card discount: the tier (or the newcomer's guarantee if
 * that is more), plus the referrer's extra on top of it. They form one
 * candidate: the extra is defined as an addition to the card discount, so
 * it must not compete with it under "best one wins".
 */
static void
propose_card (Context             *ctx,
              const KtScheme      *tier_scheme,
              KtScheme *const     *schemes,
              guint                n_schemes)
{
  const KtScheme *referral = NULL;
  gint64 base_bp = ctx->tier != NULL ? ctx->tier->bp : 0;
  gint64 extra_bp = 0;
  gboolean newcomer = FALSE;
  KtMoney amount = ctx->purchase->amount;
  KtMoney base, total;
  Candidate *candidate;

  for (guint i = 0; i < n_schemes && referral == NULL; i++)
    if (schemes[i]->kind == KT_SCHEME_REFERRAL && applies_to (ctx, schemes[i]))
      referral = schemes[i];

  if (referral != NULL && ctx->state->referred && referral->newcomer_bp > base_bp)
    {
      base_bp = referral->newcomer_bp;
      newcomer = TRUE;
    }
  if (referral != NULL && ctx->state->referrals > 0)
    extra_bp = referral->referrer_bp;
  if (base_bp + extra_bp == 0)
    return;

  /* The extra line is the difference of the rounded totals, so the two
   * lines add up to exactly the rounded card discount. */
  base = kt_money_percent (amount, base_bp);
  total = kt_money_percent (amount, base_bp + extra_bp);
  candidate = candidate_add (ctx);

  if (newcomer)
    {
      g_autofree char *percent = kt_bp_format (base_bp);

      candidate_add_line (candidate, line_new (referral, base,
                          g_strdup_printf (_("Recommended by a member: %s"), percent)));
    }
  else if (base_bp > 0)
    {
      g_autofree char *percent = kt_bp_format (base_bp);

      candidate_add_line (candidate, line_new (tier_scheme, base,
                          /* Translators: "Gold tier 2 %" */
                          g_strdup_printf (_("%s tier %s"), ctx->tier->name, percent)));
    }

  if (extra_bp > 0)
    {
      g_autofree char *percent = kt_bp_format (extra_bp);

      candidate_add_line (candidate, line_new (referral, total - base,
                          g_strdup_printf (_("For recommending a friend: +%s"), percent)));
    }
}

static void
propose_fixed (Context        *ctx,
               const KtScheme *scheme)
{
  if (scheme->bp == 0)
    return;

  candidate_add_line (candidate_add (ctx),
                      line_new (scheme, kt_money_percent (ctx->purchase->amount, scheme->bp),
                                percent_reason (scheme->name, scheme->bp)));
}

/* Days from the purchase to the nearest birthday, in either direction.
 * Someone born on 29 February celebrates on 28 February in other years.
 */
static gint
days_to_birthday (const Context *ctx,
                  const GDate   *birth)
{
  gint best = G_MAXINT;
  GDateYear year = g_date_get_year (&ctx->date);

  for (GDateYear y = year - 1; y <= year + 1; y++)
    {
      GDate birthday;
      GDateDay day = g_date_get_day (birth);
      GDateMonth month = g_date_get_month (birth);

      if (month == G_DATE_FEBRUARY && day == 29 && !g_date_is_leap_year (y))
        day = 28;
      g_date_clear (&birthday, 1);
      g_date_set_dmy (&birthday, day, month, y);
      best = MIN (best, ABS (g_date_days_between (&ctx->date, &birthday)));
    }

  return best;
}

static gboolean
promotion_matches (const Context  *ctx,
                   const KtScheme *scheme)
{
  GDate birth;

  if (scheme->weekdays != 0
      && (scheme->weekdays & KT_WEEKDAY_BIT (g_date_get_weekday (&ctx->date))) == 0)
    return FALSE;
  if (scheme->category != NULL
      && g_strcmp0 (scheme->category, ctx->purchase->category) != 0)
    return FALSE;
  if (scheme->birthday_days < 0)
    return TRUE;

  g_date_clear (&birth, 1);
  if (!kt_date_parse (ctx->state->birth_date, &birth, NULL))
    return FALSE;

  return days_to_birthday (ctx, &birth) <= scheme->birthday_days;
}

static void
propose_promotion (Context        *ctx,
                   const KtScheme *scheme)
{
  if (!promotion_matches (ctx, scheme))
    return;

  ctx->multiplier_bp = MAX (ctx->multiplier_bp, scheme->points_multiplier_bp);
  if (scheme->bp > 0)
    propose_fixed (ctx, scheme);
}

/* The N-th purchase reward is due once the run holds N purchases (or
 * items): the run counts only while its window is open, but a completed
 * run keeps its reward until the next purchase, whenever that comes.
 */
static void
propose_nth (Context        *ctx,
             const KtScheme *scheme)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);
  g_autofree char *percent = kt_bp_format (scheme->nth_reward_bp);
  Candidate *candidate;
  char *reason;
  int count;

  if (counter == NULL || counter->run_count < scheme->nth_count
      || counter->run_total <= 0 || scheme->nth_reward_bp == 0)
    return;

  count = (int) MIN (counter->run_count, G_MAXINT);
  if (scheme->nth_count_items)
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %s of the purchases with the last item",
                                           "%s: %s of the purchases with the last %d items",
                                           (gulong) count),
                              scheme->name, percent, count);
  else
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %s of the last purchase",
                                           "%s: %s of the last %d purchases",
                                           (gulong) count),
                              scheme->name, percent, count);

  candidate = candidate_add (ctx);
  candidate_add_line (candidate,
                      line_new (scheme, kt_money_percent (counter->run_total,
                                                          scheme->nth_reward_bp),
                                reason));
}

static gboolean
stamp_qualifies (const Context  *ctx,
                 const KtScheme *scheme)
{
  if (scheme->stamp_categories == NULL)
    return TRUE;

  return ctx->purchase->category != NULL
         && g_strv_contains ((const char *const *) scheme->stamp_categories,
                             ctx->purchase->category);
}

/* The best stamp reward the card has reached, or NULL. A lower reward is
 * only taken when the cashier asks (the member may prefer to collect on
 * towards the bigger one); the top one is always taken.
 */
static const KtStampReward *
stamp_reward (const Context  *ctx,
              const KtScheme *scheme,
              gint64          stamps)
{
  const KtStampReward *reached = NULL;
  guint last = scheme->stamp_rewards->len - 1;

  for (guint i = 0; i < scheme->stamp_rewards->len; i++)
    {
      const KtStampReward *reward = &g_array_index (scheme->stamp_rewards,
                                                    KtStampReward, i);

      if (stamps >= reward->stamps)
        reached = reward;
    }

  if (reached == NULL || reached->bp == 0)
    return NULL;
  if (reached != &g_array_index (scheme->stamp_rewards, KtStampReward, last)
      && !ctx->purchase->redeem_stamps)
    return NULL;

  return reached;
}

static void
propose_stamps (Context        *ctx,
                const KtScheme *scheme)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);
  const KtStampReward *reward;
  g_autofree char *percent = NULL;
  char *reason;

  if (counter == NULL
      || (reward = stamp_reward (ctx, scheme, counter->stamps)) == NULL)
    return;

  percent = kt_bp_format (reward->bp);
  reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %d stamp, %s",
                                         "%s: %d stamps, %s",
                                         (gulong) reward->stamps),
                            scheme->name, (int) reward->stamps, percent);
  candidate_add_line (candidate_add (ctx),
                      line_new (scheme, kt_money_percent (ctx->purchase->amount,
                                                          reward->bp),
                                reason));
}

/* The number of levels reached counting this purchase's progress before
 * it: with a reset one level at a time (the counter restarts there), else
 * as many as the cumulative total has passed.
 */
static gint64
level_after (const KtScheme        *scheme,
             const KtSchemeCounter *counter)
{
  gint64 level = counter != NULL ? counter->level : 0;
  gint64 progress = counter != NULL ? counter->level_progress : 0;
  gint64 n_levels = scheme->levels->len;

  level = CLAMP (level, 0, n_levels);
  if (scheme->levels_reset)
    {
      if (level < n_levels
          && progress >= g_array_index (scheme->levels, KtLevel, level).threshold)
        level++;
      return level;
    }

  while (level < n_levels
         && progress >= g_array_index (scheme->levels, KtLevel, level).threshold)
    level++;

  return level;
}

/* The reached level's lasting discount and, on the purchase that reaches
 * it, its one-off reward: one candidate, since both come with the level.
 */
static void
propose_levels (Context        *ctx,
                const KtScheme *scheme)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);
  gint64 before = counter != NULL ? CLAMP (counter->level, 0, (gint64) scheme->levels->len) : 0;
  gint64 after = level_after (scheme, counter);
  const KtLevel *level;
  Candidate *candidate;

  if (after == 0)
    return;

  level = &g_array_index (scheme->levels, KtLevel, after - 1);
  candidate = candidate_add (ctx);

  if (level->bp > 0)
    {
      g_autofree char *percent = kt_bp_format (level->bp);

      candidate_add_line (candidate,
                          line_new (scheme, kt_money_percent (ctx->purchase->amount, level->bp),
                                    /* Translators: "Gold level 3 %" */
                                    g_strdup_printf (_("%s level %s"), level->name, percent)));
    }

  if (after > before && level->reward_bp > 0)
    {
      g_autofree char *percent = kt_bp_format (level->reward_bp);

      candidate_add_line (candidate,
                          line_new (scheme,
                                    kt_money_percent (ctx->purchase->amount, level->reward_bp),
                                    g_strdup_printf (_("%s reached: once %s"),
                                                     level->name, percent)));
    }
}

static void
propose_all (Context             *ctx,
             KtScheme *const     *schemes,
             guint                n_schemes)
{
  const KtScheme *tier_scheme = find_tier (ctx, schemes, n_schemes);

  propose_card (ctx, tier_scheme, schemes, n_schemes);

  for (guint i = 0; i < n_schemes; i++)
    {
      const KtScheme *scheme = schemes[i];

      if (!applies_to (ctx, scheme))
        continue;

      switch (scheme->kind)
        {
        case KT_SCHEME_FIXED:
          propose_fixed (ctx, scheme);
          break;
        case KT_SCHEME_PROMOTION:
          propose_promotion (ctx, scheme);
          break;
        case KT_SCHEME_NTH_PURCHASE:
          propose_nth (ctx, scheme);
          break;
        case KT_SCHEME_STAMPS:
          propose_stamps (ctx, scheme);
          break;
        case KT_SCHEME_LEVELS:
          propose_levels (ctx, scheme);
          break;
        case KT_SCHEME_POINTS:
          if (ctx->points == NULL)
            ctx->points = scheme;
          break;
        case KT_SCHEME_PROGRESSIVE:
        case KT_SCHEME_REFERRAL:
        default:
          /* Both are part of the card discount above. */
          break;
        }
    }
}

/* ---- combining -------------------------------------------------------- */

static void
take_candidate (KtQuote   *quote,
                Candidate *candidate)
{
  while (candidate->lines->len > 0)
    g_ptr_array_add (quote->lines, g_ptr_array_steal_index (candidate->lines, 0));
}

/* Under "best one wins" the largest candidate wins; on a tie the first,
 * which is the card discount, so a promotion never displaces the card for
 * nothing.
 */
static void
combine (Context *ctx,
         KtQuote *quote)
{
  Candidate *best = NULL;

  if (ctx->settings->combine == KT_COMBINE_ADD)
    {
      for (guint i = 0; i < ctx->candidates->len; i++)
        take_candidate (quote, g_ptr_array_index (ctx->candidates, i));
      return;
    }

  for (guint i = 0; i < ctx->candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ctx->candidates, i);

      if (best == NULL || candidate->total > best->total)
        best = candidate;
    }
  if (best != NULL)
    take_candidate (quote, best);
}

static gint64
limit_bp (const Context *ctx)
{
  gint64 bp = ctx->settings->cap_bp > 0 ? ctx->settings->cap_bp : BP_FULL;

  if (ctx->purchase->category == NULL)
    return bp;

  for (guint i = 0; i < ctx->settings->n_limits; i++)
    if (g_strcmp0 (ctx->settings->limits[i].category, ctx->purchase->category) == 0)
      bp = MIN (bp, ctx->settings->limits[i].max_bp);

  return bp;
}

/* Cuts the lines from the last back to the limit (a discount is never more
 * than the amount), so that what is stored with the purchase adds up to
 * what the member got.
 */
static void
apply_limit (Context *ctx,
             KtQuote *quote)
{
  KtMoney max = kt_money_percent (ctx->purchase->amount, limit_bp (ctx));
  KtMoney total = 0;

  for (guint i = 0; i < quote->lines->len; i++)
    total += ((KtQuoteLine *) g_ptr_array_index (quote->lines, i))->amount;

  if (total > max)
    quote->limited = TRUE;

  for (guint i = quote->lines->len; i > 0 && total > max; i--)
    {
      KtQuoteLine *line = g_ptr_array_index (quote->lines, i - 1);
      KtMoney cut = MIN (line->amount, total - max);

      line->amount -= cut;
      total -= cut;
    }

  /* A line of nothing (a tiny amount, or one cut away) is not a reason
   * the member got anything; a one-off reward it carried stays due. */
  for (guint i = quote->lines->len; i > 0; i--)
    if (((KtQuoteLine *) g_ptr_array_index (quote->lines, i - 1))->amount == 0)
      g_ptr_array_remove_index (quote->lines, i - 1);

  quote->discount = total;
}

/* ---- points ----------------------------------------------------------- */

static gint64
points_redeemable (const Context *ctx,
                   KtMoney        spent)
{
  const KtScheme *points = ctx->points;

  if (points == NULL || ctx->state->points_usable < points->min_balance)
    return 0;

  return MAX (0, MIN (ctx->state->points_usable,
                      kt_money_percent (spent, points->max_share_bp)));
}

static gboolean
refuse_redeem (const Context  *ctx,
               gint64          redeemable,
               GError        **error)
{
  g_autofree char *most = g_strdup_printf ("%" G_GINT64_FORMAT, redeemable);
  g_autofree char *need = NULL;

  if (ctx->points == NULL)
    return invalid (error, _("No bonus points scheme applies to this member, "
                             "so points cannot be redeemed."));

  if (ctx->state->points_usable < ctx->points->min_balance)
    {
      need = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->points->min_balance);
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("Points can be redeemed from a balance of %s usable points."),
                   need);
      return FALSE;
    }

  g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
               _("At most %s points can be redeemed on this purchase."), most);
  return FALSE;
}

static char *
date_text (const GDate *date)
{
  return kt_date_from_gdate (date);
}

/* Points are earned on what is paid with money, never on the part paid
 * with points; a points promotion multiplies what the scheme gives.
 */
static void
earn_points (const Context *ctx,
             KtQuote       *quote)
{
  const KtScheme *points = ctx->points;
  GDate date = ctx->date;
  gint64 earned;

  if (points == NULL)
    return;

  earned = kt_money_percent (quote->payable, points->earn_bp);
  if (ctx->multiplier_bp > 0)
    earned = kt_money_percent (earned, ctx->multiplier_bp);

  quote->points_scheme_id = points->id;
  quote->points_earned = earned;
  g_date_add_days (&date, (guint) points->activation_days);
  quote->points_usable_on = date_text (&date);

  if (points->expiry_months > 0)
    {
      date = ctx->date;
      g_date_add_months (&date, (guint) points->expiry_months);
      quote->points_expire_on = date_text (&date);
    }
}

/* ---- counters --------------------------------------------------------- */

static gboolean
quote_has_line_of (const KtQuote *quote,
                   gint64         scheme_id)
{
  for (guint i = 0; i < quote->lines->len; i++)
    if (((KtQuoteLine *) g_ptr_array_index (quote->lines, i))->scheme_id == scheme_id)
      return TRUE;

  return FALSE;
}

static void
nth_effect (const Context  *ctx,
            const KtScheme *scheme,
            KtQuote        *quote)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);
  gint64 value = scheme->nth_count_items ? ctx->purchase->items : 1;
  gboolean open = counter != NULL && counter->run_count > 0
                  && counter->run_started != NULL;

  if (quote_has_line_of (quote, scheme->id))
    {
      add_effect (quote, scheme->id, KT_EFFECT_RUN_RESET, 0);
      return;
    }

  /* A complete run whose reward lost to a better discount waits, as it
   * is, for the next purchase: counting on would change the reward. */
  if (open && counter->run_count >= scheme->nth_count)
    return;

  /* An incomplete run whose window has passed starts again here. */
  if (open && scheme->nth_window_days > 0
      && kt_date_days_between (counter->run_started, ctx->day) >= scheme->nth_window_days)
    open = FALSE;

  add_effect (quote, scheme->id, open ? KT_EFFECT_RUN_COUNT : KT_EFFECT_RUN_START, value);
}

static void
stamp_effect (const Context  *ctx,
              const KtScheme *scheme,
              KtQuote        *quote)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);

  if (quote_has_line_of (quote, scheme->id))
    {
      const KtStampReward *reward = stamp_reward (ctx, scheme, counter->stamps);

      add_effect (quote, scheme->id, KT_EFFECT_STAMPS_USE, reward->stamps);
    }
  else if (stamp_qualifies (ctx, scheme))
    {
      add_effect (quote, scheme->id, KT_EFFECT_STAMP_ADD, 1);
    }
}

/* A level whose one-off reward lost to a better discount is not reached
 * yet, so the reward stays due; one without such a reward is reached
 * whatever the other schemes give. This purchase then counts towards the
 * next level.
 */
static void
levels_effect (const Context  *ctx,
               const KtScheme *scheme,
               KtQuote        *quote)
{
  const KtSchemeCounter *counter = find_counter (ctx->state, scheme->id);
  gint64 before = counter != NULL ? counter->level : 0;
  gint64 after = level_after (scheme, counter);
  gint64 progress = scheme->levels_by_points ? quote->points_earned : quote->spent;

  if (after > before)
    {
      const KtLevel *level = &g_array_index (scheme->levels, KtLevel, after - 1);

      if (level->reward_bp == 0 || quote_has_line_of (quote, scheme->id))
        {
          add_effect (quote, scheme->id, KT_EFFECT_LEVEL_REACH, after);
          if (level->gift != NULL && *level->gift != '\0')
            g_ptr_array_add (quote->notices,
                             /* Translators: "Gold reached: a tote bag" */
                             g_strdup_printf (_("%s reached: %s"), level->name, level->gift));
        }
    }

  if (progress > 0)
    add_effect (quote, scheme->id, KT_EFFECT_LEVEL_PROGRESS, progress);
}

static void
add_effects (const Context   *ctx,
             KtScheme *const *schemes,
             guint            n_schemes,
             KtQuote         *quote)
{
  for (guint i = 0; i < n_schemes; i++)
    {
      if (!applies_to (ctx, schemes[i]))
        continue;
      if (schemes[i]->kind == KT_SCHEME_NTH_PURCHASE)
        nth_effect (ctx, schemes[i], quote);
      else if (schemes[i]->kind == KT_SCHEME_STAMPS)
        stamp_effect (ctx, schemes[i], quote);
      else if (schemes[i]->kind == KT_SCHEME_LEVELS)
        levels_effect (ctx, schemes[i], quote);
    }
}

/* ---- the quote -------------------------------------------------------- */

static gboolean
check_schemes (KtScheme *const  *schemes,
               guint             n_schemes,
               GError          **error)
{
  for (guint i = 0; i < n_schemes; i++)
    if (!kt_scheme_validate (schemes[i], error))
      return FALSE;

  return TRUE;
}

static KtQuote *
quote_new (const Context *ctx)
{
  KtQuote *quote = g_new0 (KtQuote, 1);

  quote->lines = g_ptr_array_new_with_free_func (line_free);
  quote->effects = g_array_new (FALSE, TRUE, sizeof (KtQuoteEffect));
  quote->notices = g_ptr_array_new_with_free_func (g_free);
  quote->amount = ctx->purchase->amount;
  quote->tier = ctx->tier != NULL ? g_strdup (ctx->tier->name) : NULL;

  return quote;
}

gboolean
kt_quote_compute (const KtMemberState    *state,
                  KtScheme *const        *schemes,
                  guint                   n_schemes,
                  const KtQuoteSettings  *settings,
                  const KtPurchaseInput  *purchase,
                  KtQuote               **out_quote,
                  GError                **error)
{
  Context ctx = { state, settings, purchase };
  g_autoptr(KtQuote) quote = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (candidate_free);

  g_return_val_if_fail (state != NULL && settings != NULL && purchase != NULL, FALSE);
  g_return_val_if_fail (schemes != NULL || n_schemes == 0, FALSE);
  g_return_val_if_fail (out_quote != NULL, FALSE);

  if (!check_settings (settings, error) || !read_purchase (&ctx, error)
      || !check_schemes (schemes, n_schemes, error))
    return FALSE;

  ctx.candidates = candidates;
  propose_all (&ctx, schemes, n_schemes);

  quote = quote_new (&ctx);
  combine (&ctx, quote);
  apply_limit (&ctx, quote);
  quote->spent = purchase->amount - quote->discount;

  quote->points_redeemable = points_redeemable (&ctx, quote->spent);
  if (purchase->points_to_redeem > quote->points_redeemable)
    return refuse_redeem (&ctx, quote->points_redeemable, error);
  quote->points_redeemed = purchase->points_to_redeem;
  quote->payable = quote->spent - quote->points_redeemed;
  quote->gift_payable = CLAMP (state->gift_balance, 0, quote->payable);

  earn_points (&ctx, quote);
  add_effects (&ctx, schemes, n_schemes, quote);

  *out_quote = g_steal_pointer (&quote);
  return TRUE;
}
