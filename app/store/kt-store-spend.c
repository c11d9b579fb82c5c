/* kt-store-spend.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each member spent per day, for progressive tiers over the last N
 * days. The quote must not read the purchase history, and a sliding
 * window cannot be a single running total, so the store keeps one row per
 * member and day of purchase for as many days as the longest such window
 * needs (setting spend_days_kept), and none when no scheme needs them.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

#define SETTING_KEPT "spend_days_kept"

static gint64
days_kept (KtStore *store)
{
  g_autofree char *kept = kt_store_get_setting (store, SETTING_KEPT);

  return kept != NULL ? g_ascii_strtoll (kept, NULL, 10) : 0;
}

/* The first day kept: `days` days before today. */
static char *
first_day_kept (gint64 days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -(gint) days);

  return g_date_time_format (first, "%Y-%m-%d");
}

static gint64
days_needed (const KtProgramme *programme)
{
  gint64 days = 0;

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->kind == KT_SCHEME_PROGRESSIVE && scheme->period == KT_PERIOD_LAST_DAYS)
        days = MAX (days, scheme->period_days);
    }

  return days;
}

static gboolean
rebuild (KtStore     *store,
         gint64       days,
         GError     **error)
{
  g_autofree char *first = first_day_kept (days);
  sqlite3_stmt *stmt;

  if (!_kt_store_exec (store, "DELETE FROM spend_days", error))
    return FALSE;

  /* What was spent on each day, less what was refunded of that day's
   * purchases since. */
  stmt = _kt_store_prepare (store,
                            "INSERT INTO spend_days (member_id, day, spent) "
                            "SELECT member_id, day, SUM (spent) FROM ("
                            "  SELECT member_id, substr (at, 1, 10) AS day, "
                            "         amount - discount AS spent "
                            "  FROM purchases WHERE at >= ?1 "
                            "  UNION ALL "
                            "  SELECT r.member_id, substr (p.at, 1, 10), -(r.amount - r.discount) "
                            "  FROM refunds r JOIN purchases p ON p.id = r.purchase_id "
                            "  WHERE p.at >= ?1) "
                            "GROUP BY member_id, day",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

gboolean
_kt_store_spend_days_prepare (KtStore  *store,
                              GError  **error)
{
  const KtProgramme *programme = _kt_store_programme (store, error);
  gint64 kept = days_kept (store);
  gint64 needed;
  char text[32];

  if (programme == NULL)
    return FALSE;

  needed = days_needed (programme);
  if (needed == kept)
    return TRUE;
  if (needed > kept && !rebuild (store, needed, error))
    return FALSE;
  if (needed == 0 && !_kt_store_exec (store, "DELETE FROM spend_days", error))
    return FALSE;

  g_snprintf (text, sizeof text, "%lld", (long long) needed);
  return _kt_store_write_setting (store, SETTING_KEPT, text, error);
}

gboolean
_kt_store_spend_add (KtStore     *store,
                     gint64       member_id,
                     const char  *at,
                     KtMoney      spent,
                     GError     **error)
{
  gint64 kept = days_kept (store);
  g_autofree char *first = NULL;
  g_autofree char *day = NULL;
  sqlite3_stmt *stmt;

  if (kept == 0)
    return TRUE;

  first = first_day_kept (kept);
  day = g_strndup (at, 10);
  if (g_strcmp0 (day, first) < 0)
    return TRUE;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO spend_days (member_id, day, spent) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (member_id, day) DO UPDATE SET spent = spent + excluded.spent",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, spent);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  /* The member's days that no window reaches any more. */
  stmt = _kt_store_prepare (store,
                            "DELETE FROM spend_days WHERE member_id = ?1 AND day < ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

gboolean
_kt_store_spend_window (KtStore     *store,
                        gint64       member_id,
                        const char  *day,
                        gint         days,
                        KtMoney     *out_spent,
                        GError     **error)
{
  GDate date, first;
  g_autofree char *first_text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *out_spent = 0;
  g_date_clear (&date, 1);
  if (!kt_date_parse (day, &date, error))
    return FALSE;
  first = date;
  g_date_subtract_days (&first, (guint) days);
  first_text = kt_date_from_gdate (&first);

  /* The days before the purchase's own: the window ends the day before. */
  stmt = _kt_store_prepare (store,
                            "SELECT coalesce (SUM (spent), 0) FROM spend_days "
                            "WHERE member_id = ?1 AND day >= ?2 AND day < ?3",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, first_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day, 10, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_spent = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}
