/* kt-scheme.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheme model: what a shop configures, and the checks that keep a
 * configuration the quote can trust. The quote itself is in kt-quote.c.
 */

#define G_LOG_DOMAIN "kt-scheme"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-scheme.h"

#define BP_FULL 10000
/* A points multiplier above ×10 is a typing accident, not a promotion. */
#define MULTIPLIER_MAX_BP 100000
#define DAYS_MAX 3660
#define MONTHS_MAX 120
#define BIRTHDAY_DAYS_MAX 31
#define NTH_COUNT_MAX 10000

static const char *const kind_names[] = {
  "fixed",
  "progressive",
  "points",
  "nth-purchase",
  "stamps",
  "referral",
  "promotion",
  "levels",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == KT_SCHEME_KIND_LAST + 1);

static void
clear_tier (gpointer data)
{
  KtTier *tier = data;

  g_free (tier->name);
}

static void
clear_level (gpointer data)
{
  KtLevel *level = data;

  g_free (level->name);
  g_free (level->gift);
}

KtScheme *
kt_scheme_new (KtSchemeKind kind)
{
  KtScheme *scheme = g_new0 (KtScheme, 1);

  scheme->kind = kind;
  scheme->name = g_strdup ("");
  scheme->active = TRUE;
  scheme->birthday_days = -1;
  scheme->tiers = g_array_new (FALSE, TRUE, sizeof (KtTier));
  g_array_set_clear_func (scheme->tiers, clear_tier);
  scheme->stamp_rewards = g_array_new (FALSE, TRUE, sizeof (KtStampReward));
  scheme->levels = g_array_new (FALSE, TRUE, sizeof (KtLevel));
  g_array_set_clear_func (scheme->levels, clear_level);

  return scheme;
}

void
kt_scheme_free (KtScheme *scheme)
{
  if (scheme == NULL)
    return;

  g_free (scheme->name);
  g_free (scheme->valid_from);
  g_free (scheme->valid_to);
  g_free (scheme->audience_tier);
  g_array_unref (scheme->tiers);
  g_strfreev (scheme->stamp_categories);
  g_array_unref (scheme->stamp_rewards);
  g_free (scheme->category);
  g_array_unref (scheme->levels);
  g_free (scheme);
}

void
kt_scheme_add_tier (KtScheme   *scheme,
                    const char *name,
                    KtMoney     threshold,
                    gint64      bp)
{
  KtTier tier = { g_strdup (name != NULL ? name : ""), threshold, bp };

  g_return_if_fail (scheme != NULL);

  g_array_append_val (scheme->tiers, tier);
}

void
kt_scheme_add_level (KtScheme   *scheme,
                     const char *name,
                     gint64      threshold,
                     gint64      bp,
                     gint64      reward_bp,
                     const char *gift)
{
  KtLevel level = { g_strdup (name != NULL ? name : ""), threshold, bp, reward_bp,
                    g_strdup (gift) };

  g_return_if_fail (scheme != NULL);

  g_array_append_val (scheme->levels, level);
}

void
kt_scheme_add_stamp_reward (KtScheme *scheme,
                            gint64    stamps,
                            gint64    bp)
{
  KtStampReward reward = { stamps, bp };

  g_return_if_fail (scheme != NULL);

  g_array_append_val (scheme->stamp_rewards, reward);
}

/* "2 %", "2.5 %", "0.25 %": what a shop owner writes, without a trailing
 * zero. The space before % is the typographic rule of every language the
 * program speaks.
 */
char *
kt_bp_format (gint64 bp)
{
  gint64 whole = bp / 100;
  gint64 part = ABS (bp % 100);

  if (part == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " %%", whole);
  if (part % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " %%",
                            whole, part / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%",
                          whole, part);
}

const char *
kt_scheme_kind_to_string (KtSchemeKind kind)
{
  g_return_val_if_fail (kind <= KT_SCHEME_KIND_LAST, "");

  return kind_names[kind];
}

gboolean
kt_scheme_kind_from_string (const char   *text,
                            KtSchemeKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out_kind = (KtSchemeKind) i;
        return TRUE;
      }

  return FALSE;
}

/* Dates compare as text because they are strict ISO "YYYY-MM-DD". */
gboolean
kt_scheme_is_valid_on (const KtScheme *scheme,
                       const GDate    *date)
{
  char day[16];

  g_return_val_if_fail (scheme != NULL && date != NULL, FALSE);

  g_snprintf (day, sizeof day, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));

  if (scheme->valid_from != NULL && strcmp (day, scheme->valid_from) < 0)
    return FALSE;
  if (scheme->valid_to != NULL && strcmp (day, scheme->valid_to) > 0)
    return FALSE;

  return TRUE;
}

/* The highest tier reached by `spent`, or NULL below the first one. Tiers
 * are validated to be ascending, so the last one reached is the best.
 */
const KtTier *
kt_scheme_tier_for (const KtScheme *scheme,
                    KtMoney         spent)
{
  const KtTier *reached = NULL;

  g_return_val_if_fail (scheme != NULL, NULL);

  for (guint i = 0; i < scheme->tiers->len; i++)
    {
      const KtTier *tier = &g_array_index (scheme->tiers, KtTier, i);

      if (spent >= tier->threshold)
        reached = tier;
    }

  return reached;
}

static gboolean
fail (GError    **error,
      const char *scheme_name,
      const char *reason)
{
  g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
               /* Translators: "Scheme “Gold card”: the discount must be ..." */
               _("Scheme “%s”: %s"), scheme_name, reason);
  return FALSE;
}

static gboolean
bp_ok (gint64 bp)
{
  return bp >= 0 && bp <= BP_FULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static gboolean
validate_common (const KtScheme  *scheme,
                 GError         **error)
{
  if (is_blank (scheme->name))
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("A scheme needs a name."));
      return FALSE;
    }
  if (scheme->kind > KT_SCHEME_KIND_LAST)
    return fail (error, scheme->name, _("the kind of scheme is unknown."));
  if ((scheme->valid_from != NULL && !kt_date_is_valid (scheme->valid_from))
      || (scheme->valid_to != NULL && !kt_date_is_valid (scheme->valid_to)))
    return fail (error, scheme->name, _("the validity dates must be YYYY-MM-DD."));
  if (scheme->valid_from != NULL && scheme->valid_to != NULL
      && strcmp (scheme->valid_from, scheme->valid_to) > 0)
    return fail (error, scheme->name, _("it ends before it starts."));
  if (scheme->audience == KT_AUDIENCE_STATUS
      && (guint) scheme->audience_status > KT_MEMBER_STATUS_LAST)
    return fail (error, scheme->name, _("the member status is unknown."));
  if (scheme->audience == KT_AUDIENCE_TIER
      && (scheme->audience_tier == NULL || *scheme->audience_tier == '\0'))
    return fail (error, scheme->name, _("choose the tier it applies to."));
  if (scheme->audience > KT_AUDIENCE_TIER)
    return fail (error, scheme->name, _("the members it applies to are unknown."));

  return TRUE;
}

static gboolean
validate_progressive (const KtScheme  *scheme,
                      GError         **error)
{
  /* The tier is decided by progressive schemes, so one of them cannot
   * itself depend on the tier. */
  if (scheme->audience == KT_AUDIENCE_TIER)
    return fail (error, scheme->name, _("tiers cannot depend on a tier."));
  if (scheme->tiers->len == 0)
    return fail (error, scheme->name, _("add at least one tier."));
  if (scheme->period > KT_PERIOD_LAST_DAYS)
    return fail (error, scheme->name, _("the period is unknown."));
  if (scheme->period == KT_PERIOD_LAST_DAYS
      && (scheme->period_days < 1 || scheme->period_days > DAYS_MAX))
    return fail (error, scheme->name, _("the number of days must be 1 to 3660."));

  for (guint i = 0; i < scheme->tiers->len; i++)
    {
      const KtTier *tier = &g_array_index (scheme->tiers, KtTier, i);

      if (tier->name == NULL || *tier->name == '\0')
        return fail (error, scheme->name, _("every tier needs a name."));
      if (!bp_ok (tier->bp))
        return fail (error, scheme->name, _("a tier’s discount must be 0 to 100 %."));
      if (tier->threshold < 0 || tier->threshold > KT_MONEY_MAX)
        return fail (error, scheme->name, _("a tier’s threshold is out of range."));
      if (i > 0 && tier->threshold <= g_array_index (scheme->tiers, KtTier, i - 1).threshold)
        return fail (error, scheme->name, _("tier thresholds must grow from tier to tier."));
    }

  return TRUE;
}

static gboolean
validate_points (const KtScheme  *scheme,
                 GError         **error)
{
  if (!bp_ok (scheme->earn_bp))
    return fail (error, scheme->name, _("the earn rate must be 0 to 100 %."));
  if (!bp_ok (scheme->max_share_bp))
    return fail (error, scheme->name,
                 _("the share payable with points must be 0 to 100 %."));
  if (scheme->activation_days < 0 || scheme->activation_days > DAYS_MAX)
    return fail (error, scheme->name, _("the activation delay must be 0 to 3660 days."));
  if (scheme->expiry_months < 0 || scheme->expiry_months > MONTHS_MAX)
    return fail (error, scheme->name, _("the expiry must be 0 to 120 months."));
  if (scheme->min_balance < 0 || scheme->min_balance > KT_MONEY_MAX)
    return fail (error, scheme->name, _("the minimum balance is out of range."));

  return TRUE;
}

static gboolean
validate_nth (const KtScheme  *scheme,
              GError         **error)
{
  if (scheme->nth_count < 1 || scheme->nth_count > NTH_COUNT_MAX)
    return fail (error, scheme->name, _("the count must be 1 to 10000."));
  if (scheme->nth_window_days < 0 || scheme->nth_window_days > DAYS_MAX)
    return fail (error, scheme->name, _("the window must be 0 to 3660 days."));
  if (!bp_ok (scheme->nth_reward_bp))
    return fail (error, scheme->name, _("the reward must be 0 to 100 %."));

  return TRUE;
}

static gboolean
validate_stamps (const KtScheme  *scheme,
                 GError         **error)
{
  if (scheme->stamp_rewards->len == 0)
    return fail (error, scheme->name, _("add at least one stamp reward."));

  for (guint i = 0; i < scheme->stamp_rewards->len; i++)
    {
      const KtStampReward *reward = &g_array_index (scheme->stamp_rewards,
                                                    KtStampReward, i);

      if (reward->stamps < 1 || reward->stamps > NTH_COUNT_MAX)
        return fail (error, scheme->name, _("a reward needs 1 to 10000 stamps."));
      if (!bp_ok (reward->bp))
        return fail (error, scheme->name, _("a stamp reward must be 0 to 100 %."));
      if (i > 0 && reward->stamps
          <= g_array_index (scheme->stamp_rewards, KtStampReward, i - 1).stamps)
        return fail (error, scheme->name,
                     _("stamp rewards must need more stamps from step to step."));
    }

  return TRUE;
}

static gboolean
validate_promotion (const KtScheme  *scheme,
                    GError         **error)
{
  if (!bp_ok (scheme->bp))
    return fail (error, scheme->name, _("the discount must be 0 to 100 %."));
  if (scheme->weekdays > KT_WEEKDAYS_ALL)
    return fail (error, scheme->name, _("the weekdays are unknown."));
  if (scheme->birthday_days < -1 || scheme->birthday_days > BIRTHDAY_DAYS_MAX)
    return fail (error, scheme->name,
                 _("the days around the birthday must be 0 to 31."));
  if (scheme->points_multiplier_bp < 0 || scheme->points_multiplier_bp > MULTIPLIER_MAX_BP)
    return fail (error, scheme->name, _("the points multiplier must be at most ×10."));
  if (scheme->bp == 0 && scheme->points_multiplier_bp == 0)
    return fail (error, scheme->name, _("give a discount or a points multiplier."));

  return TRUE;
}

/* With a reset each threshold is counted from the previous level, so only
 * cumulative thresholds must grow.
 */
static gboolean
validate_levels (const KtScheme  *scheme,
                 GError         **error)
{
  if (scheme->levels->len == 0)
    return fail (error, scheme->name, _("add at least one level."));

  for (guint i = 0; i < scheme->levels->len; i++)
    {
      const KtLevel *level = &g_array_index (scheme->levels, KtLevel, i);

      if (level->name == NULL || *level->name == '\0')
        return fail (error, scheme->name, _("every level needs a name."));
      if (!bp_ok (level->bp) || !bp_ok (level->reward_bp))
        return fail (error, scheme->name, _("a level’s discounts must be 0 to 100 %."));
      if (level->threshold < 1 || level->threshold > KT_MONEY_MAX)
        return fail (error, scheme->name, _("a level’s threshold is out of range."));
      if (!scheme->levels_reset && i > 0
          && level->threshold <= g_array_index (scheme->levels, KtLevel, i - 1).threshold)
        return fail (error, scheme->name,
                     _("level thresholds must grow from level to level."));
    }

  return TRUE;
}

gboolean
kt_scheme_validate (const KtScheme  *scheme,
                    GError         **error)
{
  g_return_val_if_fail (scheme != NULL, FALSE);

  if (!validate_common (scheme, error))
    return FALSE;

  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      if (!bp_ok (scheme->bp))
        return fail (error, scheme->name, _("the discount must be 0 to 100 %."));
      return TRUE;
    case KT_SCHEME_PROGRESSIVE:
      return validate_progressive (scheme, error);
    case KT_SCHEME_POINTS:
      return validate_points (scheme, error);
    case KT_SCHEME_NTH_PURCHASE:
      return validate_nth (scheme, error);
    case KT_SCHEME_STAMPS:
      return validate_stamps (scheme, error);
    case KT_SCHEME_REFERRAL:
      if (!bp_ok (scheme->referrer_bp) || !bp_ok (scheme->newcomer_bp))
        return fail (error, scheme->name, _("the discounts must be 0 to 100 %."));
      return TRUE;
    case KT_SCHEME_PROMOTION:
      return validate_promotion (scheme, error);
    case KT_SCHEME_LEVELS:
      return validate_levels (scheme, error);
    default:
      return fail (error, scheme->name, _("the kind of scheme is unknown."));
    }
}
