/* kt-store-points.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points ledger. A row that adds points (earned on a purchase, added
 * by hand) is a *lot*: it becomes usable on usable_on, expires on
 * expires_on, and keeps what is left of it in `remaining`. A row that
 * takes points (redeemed, expired, reversed by a refund, taken by hand)
 * names the lot it took them from. So the member's balance, the sum of
 * the ledger, is also the sum of what is left of the lots, and the oldest
 * points are always the ones used first.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

static gboolean
add_to_balance (KtStore  *store,
                gint64    member_id,
                gint64    points,
                GError  **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store,
                                          "UPDATE members SET points = points + ?2 WHERE id = ?1",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, points);
  return _kt_store_step_done (store, stmt, error);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           column,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

gboolean
_kt_store_points_add_lot (KtStore            *store,
                          const KtPointsRow  *row,
                          const char         *usable_on,
                          const char         *expires_on,
                          GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (row->points > 0, FALSE);

  stmt = _kt_store_prepare (store,
                            "INSERT INTO points_ledger (member_id, purchase_id, refund_id, at, kind, "
                            "  points, reason, usable_on, expires_on, remaining) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->member_id);
  bind_id_or_null (stmt, 2, row->purchase_id);
  bind_id_or_null (stmt, 3, row->refund_id);
  sqlite3_bind_text (stmt, 4, row->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, row->kind);
  sqlite3_bind_int64 (stmt, 6, row->points);
  sqlite3_bind_text (stmt, 7, row->reason != NULL ? row->reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, usable_on, -1, SQLITE_TRANSIENT);
  if (expires_on != NULL)
    sqlite3_bind_text (stmt, 9, expires_on, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 9);

  return _kt_store_step_done (store, stmt, error)
         && add_to_balance (store, row->member_id, row->points, error);
}

/* Moves `points` (negative: takes, positive: gives back) against one lot:
 * a ledger row naming it, its remaining, and the member's balance. */
gboolean
_kt_store_points_move (KtStore            *store,
                       const KtPointsRow  *row,
                       gint64              lot_id,
                       GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO points_ledger (member_id, purchase_id, refund_id, at, kind, "
                            "  points, reason, lot_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->member_id);
  bind_id_or_null (stmt, 2, row->purchase_id);
  bind_id_or_null (stmt, 3, row->refund_id);
  sqlite3_bind_text (stmt, 4, row->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, row->kind);
  sqlite3_bind_int64 (stmt, 6, row->points);
  sqlite3_bind_text (stmt, 7, row->reason != NULL ? row->reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, lot_id);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  stmt = _kt_store_prepare (store,
                            "UPDATE points_ledger SET remaining = remaining + ?2 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  sqlite3_bind_int64 (stmt, 2, row->points);
  return _kt_store_step_done (store, stmt, error)
         && add_to_balance (store, row->member_id, row->points, error);
}

typedef struct
{
  gint64 id;
  gint64 remaining;
} Lot;

/* The member's lots with points left, oldest first; with `day`, only
 * those usable on that day. */
static GArray *
open_lots (KtStore     *store,
           gint64       member_id,
           const char  *day,
           GError     **error)
{
  g_autoptr(GArray) lots = g_array_new (FALSE, FALSE, sizeof (Lot));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT id, remaining FROM points_ledger "
                            "WHERE member_id = ?1 AND remaining > 0 "
                            "  AND (?2 IS NULL OR (usable_on <= ?2 "
                            "       AND (expires_on IS NULL OR expires_on > ?2))) "
                            "ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (day != NULL)
    sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Lot lot = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (lots, lot);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&lots);
}

/* Takes up to row->points (a positive number here) from the member's
 * lots, oldest first, the purchase's own lot first when `first_lot` is
 * given. `day` limits it to points usable that day (redemption). */
gboolean
_kt_store_points_take (KtStore            *store,
                       const KtPointsRow  *row,
                       gint64              first_lot,
                       const char         *day,
                       gint64             *out_taken,
                       GError            **error)
{
  g_autoptr(GArray) lots = open_lots (store, row->member_id, day, error);
  gint64 left = row->points;

  *out_taken = 0;
  if (lots == NULL)
    return FALSE;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < lots->len && left > 0; i++)
      {
        Lot *lot = &g_array_index (lots, Lot, i);
        KtPointsRow take = *row;

        /* First pass: only the purchase's own lot; second: the rest. */
        if ((pass == 0) != (lot->id == first_lot) || lot->remaining == 0)
          continue;
        take.points = -MIN (left, lot->remaining);
        if (!_kt_store_points_move (store, &take, lot->id, error))
          return FALSE;
        lot->remaining += take.points;
        left += take.points;
        *out_taken -= take.points;
      }

  return TRUE;
}

gboolean
_kt_store_points_balance (KtStore     *store,
                          gint64       member_id,
                          const char  *day,
                          gint64      *out_usable,
                          gint64      *out_pending,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_usable = *out_pending = 0;
  stmt = _kt_store_prepare (store,
                            "SELECT coalesce (SUM (CASE WHEN usable_on <= ?2 THEN remaining END), 0), "
                            "       coalesce (SUM (CASE WHEN usable_on > ?2 THEN remaining END), 0) "
                            "FROM points_ledger "
                            "WHERE member_id = ?1 AND remaining > 0 "
                            "  AND (expires_on IS NULL OR expires_on > ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_usable = sqlite3_column_int64 (stmt, 0);
      *out_pending = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* ---- expiry -------------------------------------------------------------- */

static gboolean
expire_rows (KtStore       *store,
             sqlite3_stmt  *stmt,
             const char    *at,
             gint64        *out_points,
             GError       **error)
{
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  int rc;

  /* Read first, write after: the statement walks the index the writes
   * change. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[3] = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_vals (due, row, 1);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      const gint64 *row = &((const gint64 *) (gpointer) due->data)[i * 3];
      KtPointsRow expire = { row[1], 0, 0, at, KT_POINTS_EXPIRED, -row[2], NULL };

      if (!_kt_store_points_move (store, &expire, row[0], error))
        return FALSE;
      if (out_points != NULL)
        *out_points += row[2];
    }

  return TRUE;
}

gboolean
_kt_store_points_expire_member (KtStore     *store,
                                gint64       member_id,
                                const char  *day,
                                GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%.10s 00:00:00", day);
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "SELECT id, member_id, remaining FROM points_ledger "
                            "WHERE member_id = ?1 AND remaining > 0 AND expires_on <= ?2 "
                            "ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  return expire_rows (store, stmt, at, NULL, error);
}

gboolean
_kt_store_points_expiry_due (KtStore     *store,
                             gint64       member_id,
                             const char  *day,
                             gboolean    *out_due,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT 1 FROM points_ledger "
                            "WHERE member_id = ?1 AND remaining > 0 AND expires_on <= ?2 LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out_due = rc == SQLITE_ROW;
  return _kt_store_finish_rows (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

gboolean
kt_store_points_expire (KtStore     *store,
                        const char  *day,
                        gint64      *out_points,
                        GError     **error)
{
  g_autofree char *today = day == NULL ? kt_date_today () : g_strndup (day, 10);
  g_autofree char *at = g_strdup_printf ("%s 00:00:00", today);
  sqlite3_stmt *stmt;
  gint64 points = 0;
  gboolean done;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!kt_date_is_valid (today))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID, _("“%s” is not a date."), today);
      return FALSE;
    }
  if (!_kt_store_begin (store, error))
    return FALSE;
  stmt = _kt_store_prepare (store,
                            /* In the order of the partial index of open lots
                             * with an expiry date: ORDER BY id alone makes
                             * SQLite walk every ledger row instead. */
                            "SELECT id, member_id, remaining FROM points_ledger "
                            "WHERE remaining > 0 AND expires_on <= ?1 ORDER BY expires_on, id",
                            error);
  done = stmt != NULL;
  if (done)
    {
      sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
      done = expire_rows (store, stmt, at, &points, error);
    }
  if (!_kt_store_end (store, done, error))
    return FALSE;

  if (out_points != NULL)
    *out_points = points;
  return TRUE;
}

/* ---- adjustments --------------------------------------------------------- */

/* Points added by hand expire like earned ones: after the first points
 * scheme's expiry period. */
static char *
adjustment_expiry (KtStore     *store,
                   const char  *day,
                   GError     **error)
{
  const KtProgramme *programme = _kt_store_programme (store, error);
  GDate date;

  if (programme == NULL)
    return NULL;

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->kind != KT_SCHEME_POINTS || scheme->expiry_months == 0)
        continue;
      g_date_clear (&date, 1);
      kt_date_parse (day, &date, NULL);
      g_date_add_months (&date, (guint) scheme->expiry_months);
      return kt_date_from_gdate (&date);
    }

  return g_strdup ("");
}

static gboolean
adjust (KtStore     *store,
        gint64       member_id,
        gint64       points,
        const char  *reason,
        GError     **error)
{
  g_autofree char *at = kt_datetime_now ();
  g_autofree char *today = g_strndup (at, 10);
  KtPointsRow row = { member_id, 0, 0, at, KT_POINTS_ADJUSTED, points, reason };
  g_autofree char *expires = NULL;
  gint64 taken;

  if (!_kt_store_member_check_open (store, member_id, error)
      || !_kt_store_points_expire_member (store, member_id, today, error))
    return FALSE;

  if (points > 0)
    {
      expires = adjustment_expiry (store, today, error);
      return expires != NULL
             && _kt_store_points_add_lot (store, &row, today,
                                          *expires != '\0' ? expires : NULL, error);
    }

  row.points = -points;
  if (!_kt_store_points_take (store, &row, 0, NULL, &taken, error))
    return FALSE;
  if (taken < -points)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The member has only %lld point.",
                                "The member has only %lld points.", (gulong) MIN (taken, G_MAXLONG)),
                   (long long) taken);
      return FALSE;
    }
  return TRUE;
}

gboolean
kt_store_points_adjust (KtStore     *store,
                        gint64       member_id,
                        gint64       points,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean done;

  g_return_val_if_fail (store != NULL, FALSE);

  if (points == 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("An adjustment must add or take at least one point."));
      return FALSE;
    }
  if (points > KT_POINTS_MAX || points < -KT_POINTS_MAX)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("That many points cannot be right."));
      return FALSE;
    }
  if (*stripped == '\0')
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("A change of points by hand needs a reason."));
      return FALSE;
    }

  if (!_kt_store_begin (store, error))
    return FALSE;
  done = adjust (store, member_id, points, stripped, error);
  return _kt_store_end (store, done, error);
}

gboolean
_kt_store_query_lot (KtStore  *store,
                     gint64    purchase_id,
                     gint64   *out_lot,
                     GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_lot = 0;
  stmt = _kt_store_prepare (store,
                            "SELECT id FROM points_ledger "
                            "WHERE purchase_id = ?1 AND kind = 0 AND lot_id IS NULL AND points > 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_lot = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* ---- history ------------------------------------------------------------- */

void
kt_points_entry_free (KtPointsEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->at);
  g_free (entry->reason);
  g_free (entry->usable_on);
  g_free (entry->expires_on);
  g_free (entry);
}

GPtrArray *
kt_store_member_points_history (KtStore  *store,
                                gint64    member_id,
                                guint     offset,
                                guint     limit,
                                GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_points_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _kt_store_prepare (store,
                            "SELECT id, at, kind, points, coalesce (purchase_id, 0), "
                            "  refund_id IS NOT NULL, reason, usable_on, expires_on "
                            "FROM points_ledger WHERE member_id = ?1 "
                            "ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KtPointsEntry *entry = g_new0 (KtPointsEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = _kt_store_column_text (stmt, 1);
      entry->kind = (KtPointsKind) sqlite3_column_int (stmt, 2);
      entry->points = sqlite3_column_int64 (stmt, 3);
      entry->purchase_id = sqlite3_column_int64 (stmt, 4);
      entry->refund = sqlite3_column_int (stmt, 5);
      entry->reason = _kt_store_column_text (stmt, 6);
      entry->usable_on = _kt_store_column_text_or_null (stmt, 7);
      entry->expires_on = _kt_store_column_text_or_null (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}
