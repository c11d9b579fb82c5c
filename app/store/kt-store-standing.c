/* kt-store-standing.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member's standing in the programme, for the member pane and
 * `member show`: tier, balances, and where the member is on each stamp
 * card, N-th purchase run and level ladder.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

void
kt_member_standing_free (KtMemberStanding *standing)
{
  if (standing == NULL)
    return;

  g_free (standing->tier);
  g_free (standing->points_next_expiry);
  g_clear_pointer (&standing->progress, g_ptr_array_unref);
  g_free (standing);
}

static gboolean
read_balances (KtStore           *store,
               gint64             member_id,
               const char        *day,
               KtMemberStanding  *standing,
               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT points, gift_balance, "
                            "  CASE WHEN spent_year = ?2 THEN year_spent ELSE 0 END "
                            "FROM members WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, (int) g_ascii_strtoll (day, NULL, 10));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      standing->points_balance = sqlite3_column_int64 (stmt, 0);
      standing->gift_balance = sqlite3_column_int64 (stmt, 1);
      standing->year_spent = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return FALSE;

  stmt = _kt_store_prepare (store,
                            "SELECT expires_on, SUM (remaining) FROM points_ledger "
                            "WHERE member_id = ?1 AND remaining > 0 AND expires_on > ?2 "
                            "GROUP BY expires_on ORDER BY expires_on LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      standing->points_next_expiry = _kt_store_column_text (stmt, 0);
      standing->points_expiring = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}

static char *
describe_progress (const KtScheme         *scheme,
                   const KtSchemeCounter  *counter)
{
  gint64 stamps = counter != NULL ? counter->stamps : 0;
  gint64 run = counter != NULL ? counter->run_count : 0;
  gint64 level = counter != NULL ? counter->level : 0;

  switch (scheme->kind)
    {
    case KT_SCHEME_STAMPS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %lld stamp", "%s: %lld stamps",
                                           (gulong) MIN (stamps, G_MAXLONG)),
                              scheme->name, (long long) stamps);
    case KT_SCHEME_NTH_PURCHASE:
      if (run >= scheme->nth_count)
        return g_strdup_printf (_("%s: reward due on the next purchase"), scheme->name);
      if (scheme->nth_count_items)
        return g_strdup_printf (_("%s: %lld of %lld items"), scheme->name,
                                (long long) run, (long long) scheme->nth_count);
      return g_strdup_printf (_("%s: %lld of %lld purchases"), scheme->name,
                              (long long) run, (long long) scheme->nth_count);
    case KT_SCHEME_LEVELS:
      if (level <= 0 || scheme->levels->len == 0)
        return g_strdup_printf (_("%s: no level reached yet"), scheme->name);
      level = MIN (level, (gint64) scheme->levels->len);
      return g_strdup_printf (_("%s: %s level"), scheme->name,
                              g_array_index (scheme->levels, KtLevel, level - 1).name);
    default:
      return NULL;
    }
}

static GPtrArray *
programme_progress (const KtProgramme    *programme,
                    KtMemberStateHolder  *holder,
                    const char           *day)
{
  GPtrArray *progress = g_ptr_array_new_with_free_func (g_free);
  GDate date;

  g_date_clear (&date, 1);
  kt_date_parse (day, &date, NULL);

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);
      char *line;

      if (!scheme->active || !kt_scheme_is_valid_on (scheme, &date))
        continue;
      line = describe_progress (scheme, _kt_counters_find (holder->counters, scheme->id));
      if (line != NULL)
        g_ptr_array_add (progress, line);
    }

  return progress;
}

/* The tier is what the quote of an empty purchase today would name. */
static char *
current_tier (const KtProgramme    *programme,
              KtMemberStateHolder  *holder,
              const char           *day)
{
  g_autofree char *at = g_strdup_printf ("%s 12:00:00", day);
  KtPurchaseInput nothing = { .amount = 0, .at = at };
  KtQuoteSettings settings;
  g_autoptr(KtQuote) quote = NULL;

  kt_programme_get_settings (programme, &settings);
  if (!kt_quote_compute (&holder->state, (KtScheme *const *) programme->schemes->pdata,
                         programme->schemes->len, &settings, &nothing, &quote, NULL))
    return NULL;
  return g_strdup (quote->tier);
}

KtMemberStanding *
kt_store_member_standing (KtStore     *store,
                          gint64       member_id,
                          const char  *day,
                          GError     **error)
{
  g_autofree char *today = day != NULL ? g_strndup (day, 10) : kt_date_today ();
  g_autoptr(KtMemberStanding) standing = g_new0 (KtMemberStanding, 1);
  g_autoptr(KtMemberStateHolder) holder = NULL;
  const KtProgramme *programme;

  g_return_val_if_fail (store != NULL, NULL);

  if (!kt_date_is_valid (today))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID, _("“%s” is not a date."), today);
      return NULL;
    }

  programme = _kt_store_programme (store, error);
  if (programme == NULL)
    return NULL;
  holder = _kt_store_member_state (store, member_id, today, programme, error);
  if (holder == NULL || !read_balances (store, member_id, today, standing, error))
    return NULL;

  standing->points_usable = holder->state.points_usable;
  standing->points_pending = holder->state.points_pending;
  standing->tier = current_tier (programme, holder, today);
  standing->progress = programme_progress (programme, holder, today);
  return g_steal_pointer (&standing);
}
