/* kt-scheme-text.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scheme in a few words for the Schemes view ("2 % from 500.00, 3 % from
 * 800.00"; "1–14 Dec 2026"; "VIP members"), and the numbers its editor
 * reads from text fields.
 */

#define G_LOG_DOMAIN "kt-scheme-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-money.h"
#include "kt-format.h"
#include "kt-scheme-text.h"

/* A typed number above this is a typing accident in every field here. */
#define WHOLE_MAX G_GINT64_CONSTANT (100000000000)

/* ---- kinds --------------------------------------------------------------- */

const char *
kt_scheme_kind_label (KtSchemeKind kind)
{
  switch (kind)
    {
    case KT_SCHEME_FIXED:
      return _("Fixed discount");
    case KT_SCHEME_PROGRESSIVE:
      return _("Progressive discount");
    case KT_SCHEME_POINTS:
      return _("Bonus points");
    case KT_SCHEME_NTH_PURCHASE:
      return _("N-th purchase reward");
    case KT_SCHEME_STAMPS:
      return _("Stamp card");
    case KT_SCHEME_REFERRAL:
      return _("Referral");
    case KT_SCHEME_PROMOTION:
      return _("Promotion");
    case KT_SCHEME_LEVELS:
      return _("Levels with rewards");
    default:
      return _("Unknown kind");
    }
}

const char *
kt_scheme_kind_blurb (KtSchemeKind kind)
{
  switch (kind)
    {
    case KT_SCHEME_FIXED:
      return _("The same percentage off every purchase");
    case KT_SCHEME_PROGRESSIVE:
      return _("Tiers: the discount grows with what the member has spent");
    case KT_SCHEME_POINTS:
      return _("A share of each purchase credited as points to pay with later");
    case KT_SCHEME_NTH_PURCHASE:
      return _("After a number of purchases, a share of their total back on the next one");
    case KT_SCHEME_STAMPS:
      return _("A stamp for each purchase; stamps turn into a one-off discount");
    case KT_SCHEME_REFERRAL:
      return _("Extra for members who bring a new customer, and a start for the newcomer");
    case KT_SCHEME_PROMOTION:
      return _("A discount or extra points for some days, a category or a birthday");
    case KT_SCHEME_LEVELS:
      return _("Levels reached by spending or points, each with a reward");
    default:
      return "";
    }
}

/* ---- validity ------------------------------------------------------------ */

static GDateTime *
date_from_iso (const char *iso)
{
  GDate date;

  if (iso == NULL || !kt_date_parse (iso, &date, NULL))
    return NULL;

  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
}

/* "1–14 Dec 2026", "28 Nov – 14 Dec 2026", "28 Dec 2026 – 3 Jan 2027".
 * Both ends of a range within a year or a month have their own formats,
 * so that a language that writes the year and month first ("2026. dec.
 * 1–14.") can put them on the first day instead of the last. */
static char *
format_range (GDateTime *from,
              GDateTime *to)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (g_date_time_get_year (from) != g_date_time_get_year (to))
    {
      /* Translators: a date, see strftime(3), for example "12 Mar 2025". */
      start = g_date_time_format (from, C_("date", "%-d %b %Y"));
      end = g_date_time_format (to, C_("date", "%-d %b %Y"));
      /* Translators: a date range across years, "28 Dec 2026 – 3 Jan 2027". */
      return g_strdup_printf (_("%s – %s"), start, end);
    }

  if (g_date_time_get_month (from) != g_date_time_get_month (to))
    {
      /* Translators: see strftime(3): "28 Nov" of "28 Nov – 14 Dec 2026". */
      start = g_date_time_format (from, C_("first day of a range within a year", "%-d %b"));
      /* Translators: see strftime(3): "14 Dec 2026" of "28 Nov – 14 Dec 2026". */
      end = g_date_time_format (to, C_("last day of a range within a year", "%-d %b %Y"));
      return g_strdup_printf (_("%s – %s"), start, end);
    }

  if (g_date_time_get_day_of_month (from) == g_date_time_get_day_of_month (to))
    return g_date_time_format (to, C_("date", "%-d %b %Y"));

  /* Translators: see strftime(3): "1" of "1–14 Dec 2026". */
  /* xgettext:no-c-format */
  start = g_date_time_format (from, C_("first day of a range within a month", "%-d"));
  /* Translators: see strftime(3): "14 Dec 2026" of "1–14 Dec 2026". */
  end = g_date_time_format (to, C_("last day of a range within a month", "%-d %b %Y"));
  /* Translators: a range of days within a month, "1–14 Dec 2026". */
  return g_strdup_printf (_("%s–%s"), start, end);
}

/**
 * kt_scheme_describe_validity:
 * @scheme: a scheme
 * @today: (nullable): "YYYY-MM-DD", to say that a scheme has ended
 *
 * Returns: (transfer full): "always", "1–14 Dec 2026", "from 1 Dec 2026",
 *   "until 14 Dec 2026", with "(ended)" once the last day has passed
 */
char *
kt_scheme_describe_validity (const KtScheme *scheme,
                             const char     *today)
{
  g_autoptr(GDateTime) from = date_from_iso (scheme->valid_from);
  g_autoptr(GDateTime) to = date_from_iso (scheme->valid_to);
  g_autofree char *range = NULL;
  g_autofree char *day = NULL;

  if (from != NULL && to != NULL)
    range = format_range (from, to);
  else if (from != NULL)
    {
      day = kt_format_date (scheme->valid_from);
      range = g_strdup_printf (_("from %s"), day);
    }
  else if (to != NULL)
    {
      day = kt_format_date (scheme->valid_to);
      range = g_strdup_printf (_("until %s"), day);
    }
  else
    return g_strdup (_("always"));

  if (today != NULL && scheme->valid_to != NULL && strcmp (scheme->valid_to, today) < 0)
    /* Translators: a scheme whose last day has passed, "1–14 Dec 2026 (ended)". */
    return g_strdup_printf (_("%s (ended)"), range);

  return g_steal_pointer (&range);
}

/* ---- audience ------------------------------------------------------------ */

char *
kt_scheme_describe_audience (const KtScheme *scheme)
{
  switch (scheme->audience)
    {
    case KT_AUDIENCE_STATUS:
      switch (scheme->audience_status)
        {
        case KT_MEMBER_REGULAR:
          return g_strdup (_("Regular members"));
        case KT_MEMBER_VIP:
          return g_strdup (_("VIP members"));
        case KT_MEMBER_BLOCKED:
          return g_strdup (_("Blocked members"));
        default:
          return g_strdup (_("Members of an unknown status"));
        }

    case KT_AUDIENCE_TIER:
      /* Translators: who a scheme applies to, "Gold tier". */
      return g_strdup_printf (_("%s tier"),
                              scheme->audience_tier != NULL ? scheme->audience_tier : "");

    case KT_AUDIENCE_EVERYONE:
    default:
      return g_strdup (_("Everyone"));
    }
}

/* ---- the rule ------------------------------------------------------------ */

/* "50 %" that never breaks between the number and the sign. */
static char *
bp_text (gint64 bp)
{
  g_autofree char *text = kt_bp_format (bp);
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", parts);
}

/* Joins the non-empty parts with ", ". */
static void
append_part (GString    *out,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, part);
}

static void
append_take (GString *out,
             char    *part)
{
  append_part (out, part);
  g_free (part);
}

static char *
describe_fixed (const KtScheme *scheme)
{
  g_autofree char *bp = bp_text (scheme->bp);

  /* Translators: a fixed discount, "5 % on every purchase". */
  return g_strdup_printf (_("%s on every purchase"), bp);
}

static char *
describe_period (const KtScheme *scheme)
{
  switch (scheme->period)
    {
    case KT_PERIOD_CALENDAR_YEAR:
      return g_strdup (_("spent this calendar year"));
    case KT_PERIOD_LAST_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "spent in the last %lld day",
                                           "spent in the last %lld days",
                                           (gulong) scheme->period_days),
                              (long long) scheme->period_days);
    case KT_PERIOD_ALL_TIME:
    default:
      return g_strdup (_("spent in all time"));
    }
}

static char *
describe_progressive (const KtScheme *scheme,
                      const char     *currency)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scheme->tiers->len; i++)
    {
      const KtTier *tier = &g_array_index (scheme->tiers, KtTier, i);
      g_autofree char *bp = bp_text (tier->bp);
      g_autofree char *threshold = kt_money_format_currency (tier->threshold, currency);

      /* Translators: one tier, "Silver 2 % from 800.00 ₴". */
      append_take (out, g_strdup_printf (_("%s %s from %s"), tier->name, bp, threshold));
    }
  append_take (out, describe_period (scheme));

  return g_string_free (out, FALSE);
}

static char *
describe_points (const KtScheme *scheme)
{
  GString *out = g_string_new (NULL);
  g_autofree char *earn = bp_text (scheme->earn_bp);
  g_autofree char *share = bp_text (scheme->max_share_bp);

  /* Translators: a points scheme's earn rate, "1 % back as points". */
  append_take (out, g_strdup_printf (_("%s back as points"), earn));
  if (scheme->activation_days > 0)
    append_take (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "usable after %lld day",
                                                    "usable after %lld days",
                                                    (gulong) scheme->activation_days),
                                       (long long) scheme->activation_days));
  if (scheme->min_balance > 0)
    {
      g_autofree char *points = kt_format_points (scheme->min_balance);

      append_take (out, g_strdup_printf (_("from %s points"), points));
    }
  if (scheme->expiry_months > 0)
    append_take (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "expire after %lld month",
                                                    "expire after %lld months",
                                                    (gulong) scheme->expiry_months),
                                       (long long) scheme->expiry_months));
  /* Translators: the most of a purchase payable with points, "pay up to 50 %". */
  append_take (out, g_strdup_printf (_("pay up to %s"), share));

  return g_string_free (out, FALSE);
}

static char *
describe_nth (const KtScheme *scheme)
{
  g_autofree char *reward = bp_text (scheme->nth_reward_bp);
  g_autofree char *rule = NULL;

  if (scheme->nth_count_items)
    rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s of the last %lld item back on the next purchase",
                                         "%s of the last %lld items back on the next purchase",
                                         (gulong) scheme->nth_count),
                            reward, (long long) scheme->nth_count);
  else
    rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s of the last %lld purchase back on the next one",
                                         "%s of the last %lld purchases back on the next one",
                                         (gulong) scheme->nth_count),
                            reward, (long long) scheme->nth_count);

  if (scheme->nth_window_days == 0)
    return g_steal_pointer (&rule);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, within %lld day",
                                       "%s, within %lld days",
                                       (gulong) scheme->nth_window_days),
                          rule, (long long) scheme->nth_window_days);
}

static char *
describe_stamps (const KtScheme *scheme)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scheme->stamp_rewards->len; i++)
    {
      const KtStampReward *reward = &g_array_index (scheme->stamp_rewards, KtStampReward, i);
      g_autofree char *bp = bp_text (reward->bp);

      append_take (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%lld stamp: %s",
                                                      "%lld stamps: %s",
                                                      (gulong) reward->stamps),
                                         (long long) reward->stamps, bp));
    }

  if (scheme->stamp_categories != NULL && scheme->stamp_categories[0] != NULL)
    {
      g_autofree char *categories = g_strjoinv (", ", scheme->stamp_categories);

      /* Translators: the categories that earn a stamp, "for Coffee, Tea". */
      append_take (out, g_strdup_printf (_("for %s"), categories));
    }

  return g_string_free (out, FALSE);
}

static char *
describe_referral (const KtScheme *scheme)
{
  g_autofree char *referrer = bp_text (scheme->referrer_bp);
  g_autofree char *newcomer = bp_text (scheme->newcomer_bp);

  /* Translators: "referrer +5 %, newcomer 8 %". */
  return g_strdup_printf (_("referrer +%s, newcomer %s"), referrer, newcomer);
}

static char *
describe_weekdays (guint weekdays)
{
  const char *names[] = {
    C_("weekday", "Mon"), C_("weekday", "Tue"), C_("weekday", "Wed"),
    C_("weekday", "Thu"), C_("weekday", "Fri"), C_("weekday", "Sat"),
    C_("weekday", "Sun"),
  };
  GString *out = g_string_new (NULL);

  for (guint day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (weekdays & KT_WEEKDAY_BIT (day))
      {
        if (out->len > 0)
          g_string_append (out, " ");
        g_string_append (out, names[day - 1]);
      }

  return g_string_free (out, FALSE);
}

static char *
describe_promotion (const KtScheme *scheme)
{
  GString *out = g_string_new (NULL);

  if (scheme->bp > 0)
    {
      g_autofree char *bp = bp_text (scheme->bp);

      /* Translators: a promotion's discount, "10 % off". */
      append_take (out, g_strdup_printf (_("%s off"), bp));
    }
  if (scheme->points_multiplier_bp > 0)
    {
      g_autofree char *times = kt_multiplier_to_text (scheme->points_multiplier_bp);

      /* Translators: a points multiplier, "×2 points". */
      append_take (out, g_strdup_printf (_("×%s points"), times));
    }
  if (scheme->weekdays != 0 && scheme->weekdays != KT_WEEKDAYS_ALL)
    append_take (out, describe_weekdays (scheme->weekdays));
  if (scheme->category != NULL && *scheme->category != '\0')
    /* Translators: a promotion limited to a category, "on Cakes". */
    append_take (out, g_strdup_printf (_("on %s"), scheme->category));
  if (scheme->birthday_days == 0)
    append_part (out, _("on the member’s birthday"));
  else if (scheme->birthday_days > 0)
    append_take (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%lld day around the member’s birthday",
                                                    "%lld days around the member’s birthday",
                                                    (gulong) scheme->birthday_days),
                                       (long long) scheme->birthday_days));

  return g_string_free (out, FALSE);
}

static char *
describe_levels (const KtScheme *scheme,
                 const char     *currency)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scheme->levels->len; i++)
    {
      const KtLevel *level = &g_array_index (scheme->levels, KtLevel, i);
      g_autofree char *threshold = NULL;
      g_autofree char *bp = bp_text (level->bp);

      if (scheme->levels_by_points)
        {
          g_autofree char *points = kt_format_points (level->threshold);

          threshold = g_strdup_printf (_("%s points"), points);
        }
      else
        threshold = kt_money_format_currency (level->threshold, currency);

      /* Translators: one level, "Friend at 1 000.00 ₴: 1 %". */
      append_take (out, g_strdup_printf (_("%s at %s: %s"), level->name, threshold, bp));
    }
  if (scheme->levels_reset)
    append_part (out, _("counting again at each level"));

  return g_string_free (out, FALSE);
}

/**
 * kt_scheme_describe_rule:
 * @scheme: a scheme
 * @currency: (nullable): the shop's currency code
 *
 * Returns: (transfer full): what the scheme gives, in a line
 */
char *
kt_scheme_describe_rule (const KtScheme *scheme,
                         const char     *currency)
{
  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      return describe_fixed (scheme);
    case KT_SCHEME_PROGRESSIVE:
      return describe_progressive (scheme, currency);
    case KT_SCHEME_POINTS:
      return describe_points (scheme);
    case KT_SCHEME_NTH_PURCHASE:
      return describe_nth (scheme);
    case KT_SCHEME_STAMPS:
      return describe_stamps (scheme);
    case KT_SCHEME_REFERRAL:
      return describe_referral (scheme);
    case KT_SCHEME_PROMOTION:
      return describe_promotion (scheme);
    case KT_SCHEME_LEVELS:
      return describe_levels (scheme, currency);
    default:
      return g_strdup ("");
    }
}

/* ---- numbers typed into fields ------------------------------------------- */

/* Reads "12", "12.5", "12,5" with at most `decimals` decimals into a whole
 * number scaled by 10^decimals. Spaces and a trailing `suffix` sign (such
 * as "%" or "×") are allowed. */
static gboolean
parse_scaled (const char *text,
              guint       decimals,
              const char *suffix,
              gint64     *out_value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize length = strlen (copy);
  const char *p;
  gint64 value = 0;
  guint seen = 0;
  gboolean fraction = FALSE;

  if (suffix != NULL && g_str_has_suffix (copy, suffix))
    {
      copy[length - strlen (suffix)] = '\0';
      g_strstrip (copy);
    }

  if (*copy == '\0')
    {
      *out_value = 0;
      return TRUE;
    }

  for (p = copy; *p != '\0'; p++)
    {
      if ((*p == '.' || *p == ',') && !fraction && p != copy)
        {
          fraction = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || (fraction && seen == decimals) || value > WHOLE_MAX)
        return FALSE;
      value = value * 10 + (*p - '0');
      if (fraction)
        seen++;
    }
  if (fraction && seen == 0)
    return FALSE;

  for (; seen < decimals; seen++)
    value *= 10;

  *out_value = value;
  return TRUE;
}

/* The scaled number as the shortest text: 250 with 2 decimals is "2.5". */
static char *
scaled_to_text (gint64 value,
                guint  decimals)
{
  gint64 scale = 1;
  g_autofree char *part = NULL;
  gsize length;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  if (value % scale == 0)
    return g_strdup_printf ("%lld", (long long) (value / scale));

  part = g_strdup_printf ("%0*lld", (int) decimals, (long long) ABS (value % scale));
  length = strlen (part);
  while (length > 0 && part[length - 1] == '0')
    part[--length] = '\0';

  return g_strdup_printf ("%lld.%s", (long long) (value / scale), part);
}

static gboolean refuse (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

/* Sets an "invalid" error; returns FALSE. */
static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  *error = g_error_new_valist (KT_ERROR, KT_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

gboolean
kt_percent_parse (const char  *text,
                  gint64      *out_bp,
                  GError     **error)
{
  return parse_scaled (text, 2, "%", out_bp)
         || refuse (error, _("“%s” is not a percentage like “5” or “2.5”."), text);
}

char *
kt_percent_to_text (gint64 bp)
{
  return scaled_to_text (bp, 2);
}

gboolean
kt_multiplier_parse (const char  *text,
                     gint64      *out_bp,
                     GError     **error)
{
  const char *start = text != NULL ? text : "";

  /* "×2" as well as "2". */
  if (g_str_has_prefix (start, "×"))
    start += strlen ("×");

  return parse_scaled (start, 4, NULL, out_bp)
         || refuse (error, _("“%s” is not a multiplier like “2” or “1.5”."), text);
}

char *
kt_multiplier_to_text (gint64 bp)
{
  return scaled_to_text (bp, 4);
}

gboolean
kt_whole_parse (const char  *text,
                gint64      *out_value,
                GError     **error)
{
  g_autofree char *copy = NULL;
  char *out;

  /* Grouped thousands, "1 000", read as the number. */
  copy = g_strdup (text != NULL ? text : "");
  out = copy;
  for (const char *p = copy; *p != '\0'; )
    {
      const char *next = g_utf8_next_char (p);

      if (!g_unichar_isspace (g_utf8_get_char (p)))
        while (p < next)
          *out++ = *p++;
      p = next;
    }
  *out = '\0';

  return parse_scaled (copy, 0, NULL, out_value)
         || refuse (error, _("“%s” is not a whole number."), text);
}
