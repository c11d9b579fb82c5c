/* kt-store-check-ledgers.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the register check that belongs to the loyalty programme:
 * every points lot holds what its rows say, every purchase's refunded
 * amount and discount lines add up, the scheme counters equal the sum of
 * their changes, and the spend kept per day equals the purchases of that
 * day. The members' balances against their ledgers are compared with the
 * other counters in kt-store-check.c.
 *
 * Each query returns only the rows that disagree, as (member, what,
 * stored, computed).
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include "core/kt-date.h"
#include "store/kt-store-private.h"

static gboolean
collect (KtStore     *store,
         const char  *sql,
         const char  *day,
         GPtrArray   *differences,
         GError     **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (day != NULL && sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _kt_store_add_difference (differences, sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3));

  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* A lot's remaining is its points plus the rows against it, and lies
 * between nothing and all of it. */
static const char lots_sql[] =
  "SELECT l.member_id, 'points lot ' || l.id, l.remaining, l.points + coalesce (x.moved, 0) "
  "FROM points_ledger l LEFT JOIN ("
  "  SELECT lot_id, SUM (points) AS moved FROM points_ledger "
  "  WHERE lot_id IS NOT NULL GROUP BY lot_id) x ON x.lot_id = l.id "
  /* Rows of members who do not exist are the foreign key check's. */
  "JOIN members m ON m.id = l.member_id "
  "WHERE l.lot_id IS NULL "
  "  AND (l.remaining <> l.points + coalesce (x.moved, 0) "
  "       OR (l.points > 0 AND (l.remaining < 0 OR l.remaining > l.points)) "
  "       OR (l.points <= 0 AND l.remaining <> 0))";

static const char refunded_sql[] =
  "SELECT p.member_id, 'refunded of purchase ' || p.id, p.refunded, coalesce (r.amount, 0) "
  "FROM purchases p LEFT JOIN ("
  "  SELECT purchase_id, SUM (amount) AS amount FROM refunds GROUP BY purchase_id) r "
  "  ON r.purchase_id = p.id "
  "WHERE (p.refunded <> 0 OR r.amount IS NOT NULL) "
  "  AND (p.refunded <> coalesce (r.amount, 0) OR p.refunded > p.amount)";

static const char lines_sql[] =
  "SELECT p.member_id, 'discount lines of purchase ' || p.id, p.discount, coalesce (l.amount, 0) "
  "FROM purchases p LEFT JOIN ("
  "  SELECT purchase_id, SUM (amount) AS amount FROM purchase_lines GROUP BY purchase_id) l "
  "  ON l.purchase_id = p.id "
  "WHERE (p.discount <> 0 OR l.amount IS NOT NULL) AND p.discount <> coalesce (l.amount, 0)";

static const char counters_sql[] =
  "SELECT coalesce (c.member_id, s.member_id), "
  "       'counters of scheme ' || coalesce (c.scheme_id, s.scheme_id), "
  "       coalesce (c.run_count, 0) || '/' || coalesce (c.run_total, 0) || '/' || "
  "       coalesce (c.stamps, 0) || '/' || coalesce (c.level, 0) || '/' || "
  "       coalesce (c.level_progress, 0), "
  "       coalesce (s.run_count, 0) || '/' || coalesce (s.run_total, 0) || '/' || "
  "       coalesce (s.stamps, 0) || '/' || coalesce (s.level, 0) || '/' || "
  "       coalesce (s.level_progress, 0) "
  "FROM scheme_counters c FULL OUTER JOIN ("
  "  SELECT member_id, scheme_id, SUM (run_count) AS run_count, SUM (run_total) AS run_total, "
  "         SUM (stamps) AS stamps, SUM (level) AS level, "
  "         SUM (level_progress) AS level_progress "
  "  FROM scheme_counter_changes GROUP BY member_id, scheme_id) s "
  "  ON s.member_id = c.member_id AND s.scheme_id = c.scheme_id "
  "WHERE c.member_id IS NULL OR s.member_id IS NULL "
  "   OR c.run_count <> s.run_count OR c.run_total <> s.run_total OR c.stamps <> s.stamps "
  "   OR c.level <> s.level OR c.level_progress <> s.level_progress "
  "   OR min (c.run_count, c.run_total, c.stamps, c.level, c.level_progress) < 0";

/* Only the days the store keeps: from ?1 on. */
static const char spend_sql[] =
  "SELECT coalesce (d.member_id, h.member_id), 'spent on ' || coalesce (d.day, h.day), "
  "       coalesce (d.spent, 0), coalesce (h.spent, 0) "
  "FROM (SELECT * FROM spend_days WHERE day >= ?1) d FULL OUTER JOIN ("
  "  SELECT member_id, day, SUM (spent) AS spent FROM ("
  "    SELECT member_id, substr (at, 1, 10) AS day, amount - discount AS spent "
  "    FROM purchases WHERE at >= ?1 "
  "    UNION ALL "
  "    SELECT r.member_id, substr (p.at, 1, 10), -(r.amount - r.discount) "
  "    FROM refunds r JOIN purchases p ON p.id = r.purchase_id WHERE p.at >= ?1) "
  "  GROUP BY member_id, day) h "
  "  ON h.member_id = d.member_id AND h.day = d.day "
  "WHERE coalesce (d.spent, 0) <> coalesce (h.spent, 0)";

static gboolean
check_spend_days (KtStore    *store,
                  GPtrArray  *differences,
                  GError    **error)
{
  g_autofree char *kept = kt_store_get_setting (store, "spend_days_kept");
  gint64 days = kept != NULL ? g_ascii_strtoll (kept, NULL, 10) : 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *first_day = NULL;

  if (days <= 0)
    return TRUE;

  /* A day after the first kept one: rows of the first day may have been
   * pruned already by a purchase recorded just after midnight. */
  first = g_date_time_add_days (now, -(gint) days + 1);
  first_day = g_date_time_format (first, "%Y-%m-%d");
  return collect (store, spend_sql, first_day, differences, error);
}

gboolean
_kt_store_check_ledgers (KtStore    *store,
                         GPtrArray  *differences,
                         GError    **error)
{
  return collect (store, lots_sql, NULL, differences, error)
         && collect (store, refunded_sql, NULL, differences, error)
         && collect (store, lines_sql, NULL, differences, error)
         && collect (store, counters_sql, NULL, differences, error)
         && check_spend_days (store, differences, error);
}
