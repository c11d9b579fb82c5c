/* kt-scheme-file.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scheme files: a shop's programme as a GKeyFile a person can read, write
 * by hand and review. GKeyFile does not say where a value came from, so the
 * text is scanned once to know the line of every group and key; every
 * refusal names that line. The format is described for shop owners in
 * docs/user/schemes-file.md.
 */

#define G_LOG_DOMAIN "kt-scheme-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-money.h"
#include "core/kt-scheme-file.h"

#define PROGRAMME_GROUP "Programme"
#define SCHEME_PREFIX "Scheme "
#define LIMIT_PREFIX "max-discount-"
#define TIER_PREFIX "tier-"
#define LEVEL_PREFIX "level-"
#define REWARD_PREFIX "reward-"
#define BP_FULL 10000
#define INT_FIELD_MAX 1000000

static const char *const weekday_names[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

/* ---- the programme ------------------------------------------------------ */

static void
clear_limit (gpointer data)
{
  KtCategoryLimit *limit = data;

  g_free ((char *) limit->category);
}

KtProgramme *
kt_programme_new (void)
{
  KtProgramme *programme = g_new0 (KtProgramme, 1);

  programme->schemes = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_scheme_free);
  programme->combine = KT_COMBINE_BEST;
  programme->limits = g_array_new (FALSE, TRUE, sizeof (KtCategoryLimit));
  g_array_set_clear_func (programme->limits, clear_limit);

  return programme;
}

void
kt_programme_free (KtProgramme *programme)
{
  if (programme == NULL)
    return;

  g_ptr_array_unref (programme->schemes);
  g_array_unref (programme->limits);
  g_free (programme);
}

void
kt_programme_add_limit (KtProgramme *programme,
                        const char  *category,
                        gint64       max_bp)
{
  KtCategoryLimit limit = { g_strdup (category), max_bp };

  g_return_if_fail (programme != NULL && category != NULL);

  g_array_append_val (programme->limits, limit);
}

/* The settings point into the programme: valid while it lives. */
void
kt_programme_get_settings (const KtProgramme *programme,
                           KtQuoteSettings   *out_settings)
{
  g_return_if_fail (programme != NULL && out_settings != NULL);

  out_settings->combine = programme->combine;
  out_settings->cap_bp = programme->cap_bp;
  out_settings->limits = (const KtCategoryLimit *) (gpointer) programme->limits->data;
  out_settings->n_limits = programme->limits->len;
}

/* ---- where things are in the text --------------------------------------- */

typedef struct
{
  GHashTable *lines;          /* "group" or "group\nkey" -> line number */
} LineIndex;

static char *
index_key (const char *group,
           const char *key)
{
  return key != NULL ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
}

static int
line_of (const LineIndex *index,
         const char      *group,
         const char      *key)
{
  g_autofree char *name = index_key (group, key);

  return GPOINTER_TO_INT (g_hash_table_lookup (index->lines, name));
}

static gboolean
refuse_at (int          line,
           GError     **error,
           const char  *reason)
{
  /* Translators: "Line 12: the discount “120 %” is over 100 %." */
  g_set_error (error, KT_ERROR, KT_ERROR_INVALID, _("Line %d: %s"), line, reason);
  return FALSE;
}

static char *
strip_copy (const char *start,
            gsize       length)
{
  char *text = g_strndup (start, length);

  return g_strstrip (text);
}

static gboolean
scan_group_line (LineIndex   *index,
                 const char  *text,
                 int          number,
                 char       **group,
                 GError     **error)
{
  const char *close = strchr (text, ']');
  g_autofree char *name = NULL;

  if (close == NULL || close[1] != '\0')
    return refuse_at (number, error, _("a group heading must end with “]”."));

  name = g_strndup (text + 1, (gsize) (close - text - 1));
  if (g_hash_table_contains (index->lines, name))
    {
      g_autofree char *reason
        = g_strdup_printf (_("the group [%s] appears twice: give each scheme its own name."),
                           name);
      return refuse_at (number, error, reason);
    }

  g_hash_table_insert (index->lines, g_strdup (name), GINT_TO_POINTER (number));
  g_free (*group);
  *group = g_steal_pointer (&name);
  return TRUE;
}

static gboolean
scan_key_line (LineIndex   *index,
               const char  *text,
               int          number,
               const char  *group,
               GError     **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  if (equals == NULL)
    return refuse_at (number, error,
                      _("this line is neither a [group] heading nor “key = value”."));
  if (group == NULL)
    return refuse_at (number, error, _("a setting comes before the first [group] heading."));

  key = strip_copy (text, (gsize) (equals - text));
  name = index_key (group, key);
  if (g_hash_table_contains (index->lines, name))
    {
      g_autofree char *reason
        = g_strdup_printf (_("“%s” is set twice in [%s]."), key, group);
      return refuse_at (number, error, reason);
    }

  g_hash_table_insert (index->lines, g_steal_pointer (&name), GINT_TO_POINTER (number));
  return TRUE;
}

/* Reads the text line by line as GKeyFile will, and refuses what GKeyFile
 * would silently accept or reject without a line: a group or a key given
 * twice (GKeyFile keeps the last one), a stray line, bad UTF-8.
 */
static gboolean
scan_lines (const char  *data,
            gsize        length,
            LineIndex   *index,
            GError     **error)
{
  g_autofree char *group = NULL;
  const char *end = data + length;
  const char *line = data;
  int number = 1;

  for (; line < end; number++)
    {
      const char *next = memchr (line, '\n', (gsize) (end - line));
      gsize line_length = (gsize) ((next != NULL ? next : end) - line);
      g_autofree char *text = NULL;

      if (!g_utf8_validate (line, (gssize) line_length, NULL))
        return refuse_at (number, error, _("the line is not valid UTF-8 text."));
      if (memchr (line, '\0', line_length) != NULL)
        return refuse_at (number, error, _("the line contains a null character."));

      text = strip_copy (line, line_length);
      if (*text == '[')
        {
          if (!scan_group_line (index, text, number, &group, error))
            return FALSE;
        }
      else if (*text != '\0' && *text != '#'
               && !scan_key_line (index, text, number, group, error))
        return FALSE;

      line = next != NULL ? next + 1 : end;
    }

  return TRUE;
}

/* ---- reading values ----------------------------------------------------- */

typedef struct
{
  GKeyFile        *file;
  const LineIndex *index;
  const char      *group;
  const char      *scheme;       /* the scheme's name, NULL in [Programme] */
} Reader;

static gboolean refuse (const Reader *reader,
                        const char   *key,
                        GError      **error,
                        const char   *format,
                        ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (const Reader *reader,
        const char   *key,
        GError      **error,
        const char   *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  return refuse_at (line_of (reader->index, reader->group, key), error, reason);
}

/* The value of `key`, or NULL in *out_text when it is absent and not
 * required.
 */
static gboolean
read_text (const Reader  *reader,
           const char    *key,
           gboolean       required,
           char         **out_text,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  *out_text = NULL;
  if (!g_key_file_has_key (reader->file, reader->group, key, NULL))
    {
      if (required)
        return refuse (reader, NULL, error,
                       _("[%s] needs the setting “%s”."), reader->group, key);
      return TRUE;
    }

  text = g_key_file_get_string (reader->file, reader->group, key, &local_error);
  if (text == NULL)
    return refuse (reader, key, error, _("“%s” cannot be read: %s"),
                   key, local_error->message);

  *out_text = g_strstrip (text);
  return TRUE;
}

/* "2 %", "2.5 %", "0.25 %" (the % may be left out), into basis points. */
static gboolean
parse_fixed2 (const char *text,
              gint64     *out_hundredths)
{
  const char *p = text;
  gint64 whole = 0;
  gint64 part = 0;
  int digits = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > INT_FIELD_MAX)
        return FALSE;
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, digits++)
        {
          if (digits == 2)
            return FALSE;
          part = part * 10 + (*p - '0');
        }
      if (digits == 0)
        return FALSE;
    }
  if (digits == 1)
    part *= 10;
  if (*p != '\0')
    return FALSE;

  *out_hundredths = whole * 100 + part;
  return TRUE;
}

static gboolean
parse_percent_text (const char *text,
                    gint64     *out_bp)
{
  g_autofree char *number = g_strdup (text);
  char *percent = strchr (number, '%');

  if (percent != NULL)
    {
      if (percent[1] != '\0')
        return FALSE;
      *percent = '\0';
    }
  g_strstrip (number);

  return parse_fixed2 (number, out_bp);
}

static gboolean
check_percent (const Reader  *reader,
               const char    *key,
               const char    *text,
               gint64        *out_bp,
               GError       **error)
{
  if (!parse_percent_text (text, out_bp))
    return refuse (reader, key, error,
                   _("“%s” is not a percentage like “2 %%” or “2.5 %%”."), text);
  if (*out_bp > BP_FULL)
    return refuse (reader, key, error, _("the percentage “%s” is over 100 %%."), text);
  return TRUE;
}

static gboolean
read_percent (const Reader  *reader,
              const char    *key,
              gboolean       required,
              gint64        *out_bp,
              GError       **error)
{
  g_autofree char *text = NULL;

  if (!read_text (reader, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  return check_percent (reader, key, text, out_bp, error);
}

static gboolean
parse_whole (const char *text,
             gint64      max,
             gint64     *out_value)
{
  guint64 value;

  if (!g_ascii_isdigit (*text)
      || !g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &value, NULL))
    return FALSE;

  *out_value = (gint64) value;
  return TRUE;
}

static gboolean
read_whole (const Reader  *reader,
            const char    *key,
            gboolean       required,
            gint64        *out_value,
            GError       **error)
{
  g_autofree char *text = NULL;

  if (!read_text (reader, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_whole (text, KT_MONEY_MAX, out_value))
    return refuse (reader, key, error,
                   _("“%s” is not a whole number of zero or more."), text);
  return TRUE;
}

static gboolean
read_int (const Reader  *reader,
          const char    *key,
          gboolean       required,
          gint          *out_value,
          GError       **error)
{
  gint64 value = *out_value;

  if (!read_whole (reader, key, required, &value, error))
    return FALSE;
  if (value > INT_FIELD_MAX)
    return refuse (reader, key, error, _("the number for “%s” is too large."), key);

  *out_value = (gint) value;
  return TRUE;
}

static gboolean
check_money (const Reader  *reader,
             const char    *key,
             const char    *text,
             KtMoney       *out_amount,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!kt_money_parse (text, out_amount, &local_error))
    return refuse (reader, key, error, "%s", local_error->message);
  return TRUE;
}


static gboolean
read_yes_no (const Reader  *reader,
             const char    *key,
             gboolean       required,
             gboolean      *out_value,
             GError       **error)
{
  g_autofree char *text = NULL;

  if (!read_text (reader, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "true") == 0)
    *out_value = TRUE;
  else if (g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    *out_value = FALSE;
  else
    return refuse (reader, key, error, _("“%s” must be “yes” or “no”, not “%s”."), key, text);
  return TRUE;
}

static gboolean
read_date (const Reader  *reader,
           const char    *key,
           char         **out_date,
           GError       **error)
{
  g_autofree char *text = NULL;

  if (!read_text (reader, key, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!kt_date_is_valid (text))
    return refuse (reader, key, error,
                   _("“%s” is not a date written as YYYY-MM-DD, such as 2026-03-31."), text);

  g_free (*out_date);
  *out_date = g_steal_pointer (&text);
  return TRUE;
}

/* ---- keys each kind knows ----------------------------------------------- */

static const char *const common_keys[] = {
  "kind", "active", "valid-from", "valid-to", "applies-to", NULL,
};

static const char *const *
kind_keys (KtSchemeKind kind)
{
  static const char *const fixed[] = { "discount", NULL };
  static const char *const progressive[] = { "period", NULL };
  static const char *const points[] = {
    "earn", "activation-days", "min-balance", "expiry-months", "max-share", NULL,
  };
  static const char *const nth[] = { "count", "window-days", "reward", "count-items", NULL };
  static const char *const stamps[] = { "categories", NULL };
  static const char *const referral[] = { "referrer-extra", "newcomer", NULL };
  static const char *const promotion[] = {
    "discount", "weekdays", "category", "birthday-days", "points-multiplier", NULL,
  };
  static const char *const levels[] = { "count", "reset", NULL };

  switch (kind)
    {
    case KT_SCHEME_FIXED: return fixed;
    case KT_SCHEME_PROGRESSIVE: return progressive;
    case KT_SCHEME_POINTS: return points;
    case KT_SCHEME_NTH_PURCHASE: return nth;
    case KT_SCHEME_STAMPS: return stamps;
    case KT_SCHEME_REFERRAL: return referral;
    case KT_SCHEME_PROMOTION: return promotion;
    case KT_SCHEME_LEVELS: return levels;
    default: return fixed;
    }
}

/* The prefix of the table rows a kind has ("tier-Gold"), or NULL. */
static const char *
kind_row_prefix (KtSchemeKind kind)
{
  switch (kind)
    {
    case KT_SCHEME_PROGRESSIVE: return TIER_PREFIX;
    case KT_SCHEME_STAMPS: return REWARD_PREFIX;
    case KT_SCHEME_LEVELS: return LEVEL_PREFIX;
    case KT_SCHEME_FIXED:
    case KT_SCHEME_POINTS:
    case KT_SCHEME_NTH_PURCHASE:
    case KT_SCHEME_REFERRAL:
    case KT_SCHEME_PROMOTION:
    default:
      return NULL;
    }
}

static gboolean
check_keys (const Reader  *reader,
            KtSchemeKind   kind,
            GError       **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (reader->file, reader->group, NULL, NULL);
  const char *prefix = kind_row_prefix (kind);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *key = keys[i];

      if (g_strv_contains (common_keys, key) || g_strv_contains (kind_keys (kind), key))
        continue;
      if (prefix != NULL && g_str_has_prefix (key, prefix) && key[strlen (prefix)] != '\0')
        continue;
      return refuse (reader, key, error,
                     _("a %s scheme has no setting “%s”."),
                     kt_scheme_kind_to_string (kind), key);
    }

  return TRUE;
}

/* ---- reading a scheme --------------------------------------------------- */

static gboolean
read_audience (const Reader  *reader,
               KtScheme      *scheme,
               GError       **error)
{
  g_autofree char *text = NULL;

  if (!read_text (reader, "applies-to", FALSE, &text, error))
    return FALSE;
  if (text == NULL || strcmp (text, "everyone") == 0)
    return TRUE;

  if (g_str_has_prefix (text, "status "))
    {
      const char *status = g_strstrip (text + strlen ("status "));

      scheme->audience = KT_AUDIENCE_STATUS;
      if (kt_member_status_from_string (status, &scheme->audience_status))
        return TRUE;
      return refuse (reader, "applies-to", error,
                     _("the member status “%s” is not regular, vip or blocked."), status);
    }
  if (g_str_has_prefix (text, "tier "))
    {
      scheme->audience = KT_AUDIENCE_TIER;
      scheme->audience_tier = g_strdup (g_strstrip (text + strlen ("tier ")));
      return TRUE;
    }

  return refuse (reader, "applies-to", error,
                 _("“applies-to” must be “everyone”, “status vip” (or another status) "
                   "or “tier” and a tier name, not “%s”."), text);
}

static gboolean
read_common (const Reader  *reader,
             KtScheme      *scheme,
             GError       **error)
{
  return read_yes_no (reader, "active", FALSE, &scheme->active, error)
         && read_date (reader, "valid-from", &scheme->valid_from, error)
         && read_date (reader, "valid-to", &scheme->valid_to, error)
         && read_audience (reader, scheme, error);
}

/* "tier-Gold = 800.00 : 2 %" */
static gboolean
read_tier (const Reader  *reader,
           KtScheme      *scheme,
           const char    *key,
           GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  KtMoney threshold;
  gint64 bp;

  if (!read_text (reader, key, TRUE, &text, error))
    return FALSE;
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 2)
    return refuse (reader, key, error,
                   _("a tier is written as “threshold : discount”, such as “500.00 : 1 %%”."));
  if (!check_money (reader, key, g_strstrip (parts[0]), &threshold, error)
      || !check_percent (reader, key, g_strstrip (parts[1]), &bp, error))
    return FALSE;

  kt_scheme_add_tier (scheme, key + strlen (TIER_PREFIX), threshold, bp);
  return TRUE;
}

/* "reward-5 = 3 %" */
static gboolean
read_stamp_reward (const Reader  *reader,
                   KtScheme      *scheme,
                   const char    *key,
                   GError       **error)
{
  gint64 stamps;
  gint64 bp;

  if (!parse_whole (key + strlen (REWARD_PREFIX), INT_FIELD_MAX, &stamps))
    return refuse (reader, key, error,
                   _("a stamp reward is written as “reward-5 = 3 %%”: the number of stamps "
                     "after “reward-”."));
  if (!read_percent (reader, key, TRUE, &bp, error))
    return FALSE;

  kt_scheme_add_stamp_reward (scheme, stamps, bp);
  return TRUE;
}

/* "level-Silver = 1000.00 : 1 % : 5 % : Tote bag" (the gift may be left
 * out); the threshold is in points when the scheme counts points.
 */
static gboolean
read_level (const Reader  *reader,
            KtScheme      *scheme,
            const char    *key,
            GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 threshold;
  gint64 bp;
  gint64 reward_bp;
  const char *gift = NULL;

  if (!read_text (reader, key, TRUE, &text, error))
    return FALSE;
  parts = g_strsplit (text, ":", 4);
  if (g_strv_length (parts) < 3)
    return refuse (reader, key, error,
                   _("a level is written as “threshold : discount : one-off reward : gift”, "
                     "such as “1000.00 : 1 %% : 5 %% : Tote bag”."));

  g_strstrip (parts[0]);
  if (scheme->levels_by_points)
    {
      if (!parse_whole (parts[0], KT_MONEY_MAX, &threshold))
        return refuse (reader, key, error,
                       _("“%s” is not a whole number of points."), parts[0]);
    }
  else if (!check_money (reader, key, parts[0], &threshold, error))
    return FALSE;

  if (!check_percent (reader, key, g_strstrip (parts[1]), &bp, error)
      || !check_percent (reader, key, g_strstrip (parts[2]), &reward_bp, error))
    return FALSE;
  if (parts[3] != NULL && *g_strstrip (parts[3]) != '\0')
    gift = parts[3];

  kt_scheme_add_level (scheme, key + strlen (LEVEL_PREFIX), threshold, bp, reward_bp, gift);
  return TRUE;
}

static gboolean
read_rows (const Reader  *reader,
           KtScheme      *scheme,
           GError       **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (reader->file, reader->group, NULL, NULL);
  const char *prefix = kind_row_prefix (scheme->kind);

  for (guint i = 0; prefix != NULL && keys != NULL && keys[i] != NULL; i++)
    {
      gboolean ok = TRUE;

      if (!g_str_has_prefix (keys[i], prefix))
        continue;
      if (scheme->kind == KT_SCHEME_PROGRESSIVE)
        ok = read_tier (reader, scheme, keys[i], error);
      else if (scheme->kind == KT_SCHEME_STAMPS)
        ok = read_stamp_reward (reader, scheme, keys[i], error);
      else
        ok = read_level (reader, scheme, keys[i], error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* "all time", "calendar year", "last 365 days" */
static gboolean
read_period (const Reader  *reader,
             KtScheme      *scheme,
             GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  gint64 days;

  if (!read_text (reader, "period", TRUE, &text, error))
    return FALSE;
  if (strcmp (text, "all time") == 0)
    return TRUE;
  if (strcmp (text, "calendar year") == 0)
    {
      scheme->period = KT_PERIOD_CALENDAR_YEAR;
      return TRUE;
    }

  words = g_strsplit (text, " ", -1);
  if (g_strv_length (words) == 3 && strcmp (words[0], "last") == 0
      && strcmp (words[2], "days") == 0 && parse_whole (words[1], INT_FIELD_MAX, &days))
    {
      scheme->period = KT_PERIOD_LAST_DAYS;
      scheme->period_days = (gint) days;
      return TRUE;
    }

  return refuse (reader, "period", error,
                 _("the period must be “all time”, “calendar year” or “last N days”, "
                   "not “%s”."), text);
}

static gboolean
read_weekdays (const Reader  *reader,
               KtScheme      *scheme,
               GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) names = NULL;

  if (!read_text (reader, "weekdays", FALSE, &text, error))
    return FALSE;
  if (text == NULL || strcmp (text, "all") == 0)
    return TRUE;

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      guint day = 0;

      while (day < G_N_ELEMENTS (weekday_names)
             && g_ascii_strcasecmp (name, weekday_names[day]) != 0)
        day++;
      if (day == G_N_ELEMENTS (weekday_names))
        return refuse (reader, "weekdays", error,
                       _("“%s” is not a weekday: write mon, tue, wed, thu, fri, sat, sun "
                         "separated by commas."), name);
      scheme->weekdays |= KT_WEEKDAY_BIT (day + 1);
    }

  return TRUE;
}

static gboolean
read_multiplier (const Reader  *reader,
                 KtScheme      *scheme,
                 GError       **error)
{
  g_autofree char *text = NULL;
  gint64 hundredths;

  if (!read_text (reader, "points-multiplier", FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_fixed2 (text, &hundredths))
    return refuse (reader, "points-multiplier", error,
                   _("“%s” is not a multiplier like “2” or “1.5”."), text);

  scheme->points_multiplier_bp = hundredths * 100;
  return TRUE;
}

static gboolean
read_promotion (const Reader  *reader,
                KtScheme      *scheme,
                GError       **error)
{
  gint64 birthday_days = -1;

  if (!read_percent (reader, "discount", FALSE, &scheme->bp, error)
      || !read_weekdays (reader, scheme, error)
      || !read_text (reader, "category", FALSE, &scheme->category, error)
      || !read_whole (reader, "birthday-days", FALSE, &birthday_days, error)
      || !read_multiplier (reader, scheme, error))
    return FALSE;
  if (birthday_days > INT_FIELD_MAX)
    return refuse (reader, "birthday-days", error,
                   _("the number for “%s” is too large."), "birthday-days");

  scheme->birthday_days = (gint) birthday_days;
  return TRUE;
}

static gboolean
read_levels_settings (const Reader  *reader,
                      KtScheme      *scheme,
                      GError       **error)
{
  g_autofree char *count = NULL;

  if (!read_text (reader, "count", TRUE, &count, error))
    return FALSE;
  if (strcmp (count, "points") == 0)
    scheme->levels_by_points = TRUE;
  else if (strcmp (count, "spend") != 0)
    return refuse (reader, "count", error,
                   _("“count” must be “spend” or “points”, not “%s”."), count);

  return read_yes_no (reader, "reset", TRUE, &scheme->levels_reset, error);
}

static gboolean
read_stamp_categories (const Reader  *reader,
                       KtScheme      *scheme,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_has_key (reader->file, reader->group, "categories", NULL))
    return TRUE;

  scheme->stamp_categories = g_key_file_get_string_list (reader->file, reader->group,
                                                         "categories", NULL, &local_error);
  if (scheme->stamp_categories == NULL)
    return refuse (reader, "categories", error, _("“%s” cannot be read: %s"),
                   "categories", local_error->message);
  for (guint i = 0; scheme->stamp_categories[i] != NULL; i++)
    g_strstrip (scheme->stamp_categories[i]);
  return TRUE;
}

static gboolean
read_kind_settings (const Reader  *reader,
                    KtScheme      *scheme,
                    GError       **error)
{
  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      return read_percent (reader, "discount", TRUE, &scheme->bp, error);
    case KT_SCHEME_PROGRESSIVE:
      return read_period (reader, scheme, error);
    case KT_SCHEME_POINTS:
      return read_percent (reader, "earn", TRUE, &scheme->earn_bp, error)
             && read_int (reader, "activation-days", FALSE, &scheme->activation_days, error)
             && read_whole (reader, "min-balance", FALSE, &scheme->min_balance, error)
             && read_int (reader, "expiry-months", FALSE, &scheme->expiry_months, error)
             && read_percent (reader, "max-share", TRUE, &scheme->max_share_bp, error);
    case KT_SCHEME_NTH_PURCHASE:
      return read_whole (reader, "count", TRUE, &scheme->nth_count, error)
             && read_int (reader, "window-days", FALSE, &scheme->nth_window_days, error)
             && read_percent (reader, "reward", TRUE, &scheme->nth_reward_bp, error)
             && read_yes_no (reader, "count-items", FALSE, &scheme->nth_count_items, error);
    case KT_SCHEME_STAMPS:
      return read_stamp_categories (reader, scheme, error);
    case KT_SCHEME_REFERRAL:
      return read_percent (reader, "referrer-extra", TRUE, &scheme->referrer_bp, error)
             && read_percent (reader, "newcomer", TRUE, &scheme->newcomer_bp, error);
    case KT_SCHEME_PROMOTION:
      return read_promotion (reader, scheme, error);
    case KT_SCHEME_LEVELS:
      return read_levels_settings (reader, scheme, error);
    default:
      return TRUE;
    }
}

static KtScheme *
read_scheme (const Reader  *reader,
             GError       **error)
{
  g_autoptr(KtScheme) scheme = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kind_text = NULL;
  KtSchemeKind kind;

  if (*reader->scheme == '\0')
    {
      refuse (reader, NULL, error, _("a scheme needs a name after “[Scheme”."));
      return NULL;
    }
  if (!read_text (reader, "kind", TRUE, &kind_text, error))
    return NULL;
  if (!kt_scheme_kind_from_string (kind_text, &kind))
    {
      refuse (reader, "kind", error,
              _("“%s” is not a kind of scheme: use fixed, progressive, points, "
                "nth-purchase, stamps, referral, promotion or levels."), kind_text);
      return NULL;
    }

  scheme = kt_scheme_new (kind);
  g_free (scheme->name);
  scheme->name = g_strdup (reader->scheme);

  if (!check_keys (reader, kind, error)
      || !read_common (reader, scheme, error)
      || !read_kind_settings (reader, scheme, error)
      || !read_rows (reader, scheme, error))
    return NULL;

  /* The model's own checks, so a file can hold nothing the editor could
   * not; the reason is the model's, the line the scheme's heading. */
  if (!kt_scheme_validate (scheme, &local_error))
    {
      refuse (reader, NULL, error, "%s", local_error->message);
      return NULL;
    }

  return g_steal_pointer (&scheme);
}

/* ---- reading the programme ---------------------------------------------- */

static gboolean
read_programme (const Reader  *reader,
                KtProgramme   *programme,
                GError       **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (reader->file, reader->group, NULL, NULL);
  g_autofree char *combine = NULL;
  g_autofree char *cap = NULL;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      gint64 bp;

      if (strcmp (key, "combine") == 0 || strcmp (key, "cap") == 0)
        continue;
      if (!g_str_has_prefix (key, LIMIT_PREFIX) || key[strlen (LIMIT_PREFIX)] == '\0')
        return refuse (reader, key, error, _("[Programme] has no setting “%s”."), key);
      if (!read_percent (reader, key, TRUE, &bp, error))
        return FALSE;
      kt_programme_add_limit (programme, key + strlen (LIMIT_PREFIX), bp);
    }

  if (!read_text (reader, "combine", TRUE, &combine, error))
    return FALSE;
  if (strcmp (combine, "add") == 0)
    programme->combine = KT_COMBINE_ADD;
  else if (strcmp (combine, "best") != 0)
    return refuse (reader, "combine", error,
                   _("“combine” must be “best” or “add”, not “%s”."), combine);

  if (!read_text (reader, "cap", FALSE, &cap, error))
    return FALSE;
  if (cap == NULL || strcmp (cap, "none") == 0)
    return TRUE;
  return check_percent (reader, "cap", cap, &programme->cap_bp, error);
}

static gboolean
read_groups (GKeyFile         *file,
             const LineIndex  *index,
             KtProgramme      *programme,
             GError          **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  gboolean seen_programme = FALSE;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      Reader reader = { file, index, groups[i], NULL };
      KtScheme *scheme;
      char *folded;

      if (strcmp (groups[i], PROGRAMME_GROUP) == 0)
        {
          if (!read_programme (&reader, programme, error))
            return FALSE;
          seen_programme = TRUE;
          continue;
        }
      if (!g_str_has_prefix (groups[i], SCHEME_PREFIX))
        return refuse (&reader, NULL, error,
                       _("[%s] is neither [Programme] nor [Scheme name]."), groups[i]);

      reader.scheme = groups[i] + strlen (SCHEME_PREFIX);
      /* Names differing only in case would confuse the cashier. */
      folded = g_utf8_casefold (reader.scheme, -1);
      if (!g_hash_table_add (names, folded))
        return refuse (&reader, NULL, error,
                       _("another scheme is already called “%s”."), reader.scheme);

      scheme = read_scheme (&reader, error);
      if (scheme == NULL)
        return FALSE;
      g_ptr_array_add (programme->schemes, scheme);
    }

  if (!seen_programme)
    return refuse_at (1, error,
                      _("the file has no [Programme] group with the combination policy."));
  return TRUE;
}

KtProgramme *
kt_scheme_file_parse (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(KtProgramme) programme = kt_programme_new ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  LineIndex index;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (data);

  index.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = scan_lines (data, (gsize) length, &index, error);
  if (ok && !g_key_file_load_from_data (file, data, (gsize) length, G_KEY_FILE_NONE,
                                        &local_error))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The file is not a scheme file: %s"), local_error->message);
      ok = FALSE;
    }
  ok = ok && read_groups (file, &index, programme, error);
  g_hash_table_unref (index.lines);

  return ok ? g_steal_pointer (&programme) : NULL;
}

KtProgramme *
kt_scheme_file_load (const char  *path,
                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return kt_scheme_file_parse (data, (gssize) length, error);
}

/* ---- writing ------------------------------------------------------------ */

/* GKeyFile cannot hold a group or key name with brackets, "=", control
 * characters or spaces at its ends; the text would read back as another
 * name or not at all.
 */
static gboolean
check_name (const char  *name,
            GError     **error)
{
  gboolean ok = *name != '\0' && !g_ascii_isspace (name[0])
                && !g_ascii_isspace (name[strlen (name) - 1]);

  for (const char *p = name; ok && *p != '\0'; p++)
    ok = *p != '[' && *p != ']' && *p != '=' && !g_ascii_iscntrl (*p);

  if (!ok)
    g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                 _("The name “%s” cannot be written to a scheme file: it must not start or "
                   "end with a space or contain “[”, “]” or “=”."), name);
  return ok;
}

static void
set_percent (GKeyFile   *file,
             const char *group,
             const char *key,
             gint64      bp)
{
  g_autofree char *text = kt_bp_format (bp);

  g_key_file_set_string (file, group, key, text);
}


static void
set_whole (GKeyFile   *file,
           const char *group,
           const char *key,
           gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  g_key_file_set_string (file, group, key, text);
}

static void
write_common (GKeyFile       *file,
              const char     *group,
              const KtScheme *scheme)
{
  g_key_file_set_string (file, group, "kind", kt_scheme_kind_to_string (scheme->kind));
  g_key_file_set_string (file, group, "active", scheme->active ? "yes" : "no");
  if (scheme->valid_from != NULL)
    g_key_file_set_string (file, group, "valid-from", scheme->valid_from);
  if (scheme->valid_to != NULL)
    g_key_file_set_string (file, group, "valid-to", scheme->valid_to);

  if (scheme->audience == KT_AUDIENCE_STATUS)
    {
      g_autofree char *text
        = g_strconcat ("status ", kt_member_status_to_string (scheme->audience_status), NULL);
      g_key_file_set_string (file, group, "applies-to", text);
    }
  else if (scheme->audience == KT_AUDIENCE_TIER)
    {
      g_autofree char *text = g_strconcat ("tier ", scheme->audience_tier, NULL);
      g_key_file_set_string (file, group, "applies-to", text);
    }
  else
    g_key_file_set_string (file, group, "applies-to", "everyone");
}

static gboolean
write_progressive (GKeyFile        *file,
                   const char      *group,
                   const KtScheme  *scheme,
                   GError         **error)
{
  if (scheme->period == KT_PERIOD_CALENDAR_YEAR)
    g_key_file_set_string (file, group, "period", "calendar year");
  else if (scheme->period == KT_PERIOD_LAST_DAYS)
    {
      g_autofree char *text = g_strdup_printf ("last %d days", scheme->period_days);
      g_key_file_set_string (file, group, "period", text);
    }
  else
    g_key_file_set_string (file, group, "period", "all time");

  for (guint i = 0; i < scheme->tiers->len; i++)
    {
      const KtTier *tier = &g_array_index (scheme->tiers, KtTier, i);
      g_autofree char *key = g_strconcat (TIER_PREFIX, tier->name, NULL);
      g_autofree char *threshold = kt_money_format (tier->threshold);
      g_autofree char *bp = kt_bp_format (tier->bp);
      g_autofree char *text = g_strdup_printf ("%s : %s", threshold, bp);

      if (!check_name (tier->name, error))
        return FALSE;
      g_key_file_set_string (file, group, key, text);
    }

  return TRUE;
}

static gboolean
write_levels (GKeyFile        *file,
              const char      *group,
              const KtScheme  *scheme,
              GError         **error)
{
  g_key_file_set_string (file, group, "count", scheme->levels_by_points ? "points" : "spend");
  g_key_file_set_string (file, group, "reset", scheme->levels_reset ? "yes" : "no");

  for (guint i = 0; i < scheme->levels->len; i++)
    {
      const KtLevel *level = &g_array_index (scheme->levels, KtLevel, i);
      g_autofree char *key = g_strconcat (LEVEL_PREFIX, level->name, NULL);
      g_autofree char *threshold = scheme->levels_by_points
                                   ? g_strdup_printf ("%" G_GINT64_FORMAT, level->threshold)
                                   : kt_money_format (level->threshold);
      g_autofree char *bp = kt_bp_format (level->bp);
      g_autofree char *reward = kt_bp_format (level->reward_bp);
      g_autofree char *text = NULL;

      if (!check_name (level->name, error))
        return FALSE;
      if (level->gift != NULL && *level->gift != '\0')
        text = g_strdup_printf ("%s : %s : %s : %s", threshold, bp, reward, level->gift);
      else
        text = g_strdup_printf ("%s : %s : %s", threshold, bp, reward);
      g_key_file_set_string (file, group, key, text);
    }

  return TRUE;
}

static void
write_stamps (GKeyFile       *file,
              const char     *group,
              const KtScheme *scheme)
{
  if (scheme->stamp_categories != NULL)
    g_key_file_set_string_list (file, group, "categories",
                                (const char *const *) scheme->stamp_categories,
                                g_strv_length (scheme->stamp_categories));

  for (guint i = 0; i < scheme->stamp_rewards->len; i++)
    {
      const KtStampReward *reward = &g_array_index (scheme->stamp_rewards, KtStampReward, i);
      g_autofree char *key = g_strdup_printf (REWARD_PREFIX "%" G_GINT64_FORMAT, reward->stamps);

      set_percent (file, group, key, reward->bp);
    }
}

static void
write_promotion (GKeyFile       *file,
                 const char     *group,
                 const KtScheme *scheme)
{
  set_percent (file, group, "discount", scheme->bp);

  if (scheme->weekdays == 0)
    g_key_file_set_string (file, group, "weekdays", "all");
  else
    {
      g_autoptr(GString) days = g_string_new (NULL);

      for (guint day = 0; day < G_N_ELEMENTS (weekday_names); day++)
        if (scheme->weekdays & KT_WEEKDAY_BIT (day + 1))
          g_string_append_printf (days, "%s%s", days->len > 0 ? "," : "", weekday_names[day]);
      g_key_file_set_string (file, group, "weekdays", days->str);
    }

  if (scheme->category != NULL)
    g_key_file_set_string (file, group, "category", scheme->category);
  if (scheme->birthday_days >= 0)
    set_whole (file, group, "birthday-days", scheme->birthday_days);
  if (scheme->points_multiplier_bp != 0)
    {
      gint64 hundredths = scheme->points_multiplier_bp / 100;
      g_autofree char *text = NULL;

      if (hundredths % 100 == 0)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, hundredths / 100);
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                hundredths / 100, hundredths % 100);
      g_key_file_set_string (file, group, "points-multiplier", text);
    }
}

static gboolean
write_kind (GKeyFile        *file,
            const char      *group,
            const KtScheme  *scheme,
            GError         **error)
{
  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      set_percent (file, group, "discount", scheme->bp);
      return TRUE;
    case KT_SCHEME_PROGRESSIVE:
      return write_progressive (file, group, scheme, error);
    case KT_SCHEME_POINTS:
      set_percent (file, group, "earn", scheme->earn_bp);
      set_whole (file, group, "activation-days", scheme->activation_days);
      set_whole (file, group, "min-balance", scheme->min_balance);
      set_whole (file, group, "expiry-months", scheme->expiry_months);
      set_percent (file, group, "max-share", scheme->max_share_bp);
      return TRUE;
    case KT_SCHEME_NTH_PURCHASE:
      set_whole (file, group, "count", scheme->nth_count);
      set_whole (file, group, "window-days", scheme->nth_window_days);
      set_percent (file, group, "reward", scheme->nth_reward_bp);
      g_key_file_set_string (file, group, "count-items", scheme->nth_count_items ? "yes" : "no");
      return TRUE;
    case KT_SCHEME_STAMPS:
      write_stamps (file, group, scheme);
      return TRUE;
    case KT_SCHEME_REFERRAL:
      set_percent (file, group, "referrer-extra", scheme->referrer_bp);
      set_percent (file, group, "newcomer", scheme->newcomer_bp);
      return TRUE;
    case KT_SCHEME_PROMOTION:
      write_promotion (file, group, scheme);
      return TRUE;
    case KT_SCHEME_LEVELS:
      return write_levels (file, group, scheme, error);
    default:
      return TRUE;
    }
}

static gboolean
write_programme (GKeyFile               *file,
                 const KtQuoteSettings  *settings,
                 GError                **error)
{
  g_key_file_set_string (file, PROGRAMME_GROUP, "combine",
                         settings->combine == KT_COMBINE_ADD ? "add" : "best");
  if (settings->cap_bp == 0)
    g_key_file_set_string (file, PROGRAMME_GROUP, "cap", "none");
  else
    set_percent (file, PROGRAMME_GROUP, "cap", settings->cap_bp);

  for (guint i = 0; i < settings->n_limits; i++)
    {
      g_autofree char *key = g_strconcat (LIMIT_PREFIX, settings->limits[i].category, NULL);

      if (!check_name (settings->limits[i].category, error))
        return FALSE;
      set_percent (file, PROGRAMME_GROUP, key, settings->limits[i].max_bp);
    }

  return TRUE;
}

char *
kt_scheme_file_to_data (KtScheme *const        *schemes,
                        guint                   n_schemes,
                        const KtQuoteSettings  *settings,
                        GError                **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (schemes != NULL || n_schemes == 0, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (!write_programme (file, settings, error))
    return NULL;

  for (guint i = 0; i < n_schemes; i++)
    {
      const KtScheme *scheme = schemes[i];
      g_autofree char *group = NULL;

      if (!kt_scheme_validate (scheme, error) || !check_name (scheme->name, error))
        return NULL;
      if (scheme->audience == KT_AUDIENCE_TIER && !check_name (scheme->audience_tier, error))
        return NULL;

      group = g_strconcat (SCHEME_PREFIX, scheme->name, NULL);
      write_common (file, group, scheme);
      if (!write_kind (file, group, scheme, error))
        return NULL;
    }

  return g_key_file_to_data (file, NULL, NULL);
}

gboolean
kt_scheme_file_save (const char             *path,
                     KtScheme *const        *schemes,
                     guint                   n_schemes,
                     const KtQuoteSettings  *settings,
                     GError                **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  data = kt_scheme_file_to_data (schemes, n_schemes, settings, error);
  if (data == NULL)
    return FALSE;
  return g_file_set_contents (path, data, -1, error);
}
