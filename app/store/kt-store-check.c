/* kt-store-check.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register check: SQLite's own integrity and foreign-key checks, the
 * rules about cards the schema cannot express, and a recount of every
 * member's counters from the purchase history and the points ledger.
 *
 * The recount reads each history table once, in storage order, so that it
 * takes seconds on millions of purchases instead of a query per member.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/kt-store-private.h"

void
kt_check_difference_free (KtCheckDifference *difference)
{
  if (difference == NULL)
    return;

  g_free (difference->what);
  g_free (difference->stored);
  g_free (difference->computed);
  g_free (difference);
}

static void
add_finding (GString    *findings,
             const char *line)
{
  if (findings->len > 0)
    g_string_append_c (findings, '\n');
  g_string_append (findings, line);
}

/* ---- SQLite's checks ----------------------------------------------------- */

static gboolean
check_integrity (KtStore  *store,
                 GString  *findings,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;

  /* One row "ok" when all is well, else one row per problem. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (line != NULL && !g_str_equal (line, "ok"))
        add_finding (findings, line);
    }

  /* On a badly damaged file SQLite gives up part-way with "malformed":
   * that is one more finding, not a failure to check. */
  if ((rc & 0xff) == SQLITE_CORRUPT)
    {
      add_finding (findings, sqlite3_errmsg (store->db));
      sqlite3_reset (stmt);
      return TRUE;
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
check_foreign_keys (KtStore  *store,
                    GString  *findings,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;

  /* Columns: table, rowid, referred table, foreign key index. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *table = _kt_store_column_text (stmt, 0);
      g_autofree char *row = _kt_store_column_text (stmt, 1);
      g_autofree char *parent = _kt_store_column_text (stmt, 2);
      g_autofree char *line = NULL;

      line = g_strdup_printf (_("Row %s of table “%s” refers to a row of table “%s” "
                                "that does not exist"),
                              row, table, parent);
      add_finding (findings, line);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* ---- rules about cards ------------------------------------------------------ */

/* A blank card belongs to nobody; every other card to a member. */
static gboolean
check_card_owners (KtStore  *store,
                   GString  *findings,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT number, state, member_id FROM cards "
                            "WHERE (state = 0) <> (member_id IS NULL) ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *number = _kt_store_column_text (stmt, 0);
      KtCardState state = (KtCardState) sqlite3_column_int (stmt, 1);
      g_autofree char *line = NULL;

      if (state == KT_CARD_BLANK)
        line = g_strdup_printf (_("Card %s is blank but belongs to member number %lld"),
                                number, (long long) sqlite3_column_int64 (stmt, 2));
      else
        line = g_strdup_printf (_("Card %s (%s) belongs to no member"),
                                number, kt_card_state_label (state));
      add_finding (findings, line);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
check_one_active_card (KtStore  *store,
                       GString  *findings,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT member_id, COUNT(*), group_concat(number, ', ') FROM cards "
                            "WHERE state = 1 AND member_id IS NOT NULL "
                            "GROUP BY member_id HAVING COUNT(*) > 1 ORDER BY member_id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *numbers = _kt_store_column_text (stmt, 2);
      g_autofree char *line = NULL;

      line = g_strdup_printf (_("Member number %lld has %d active cards: %s"),
                              (long long) sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_int (stmt, 1), numbers);
      add_finding (findings, line);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* ---- the counters ---------------------------------------------------------------- */

/* What the history says about one member. */
typedef struct
{
  gint64  spent;
  gint64  purchases;
  gint64  items;
  gint64  points;
  gint64  points_left;  /* what is left of the member's points lots */
  gint64  gift;
  gint64  year;         /* the member's spent_year, read first */
  gint64  year_spent;   /* spent in that year */
  char   *last_visit;   /* NULL: no purchase */
} Tally;

/* Every member's tally, found by member id.
 *
 * The history is read in one sequential pass per table and summed here
 * rather than with GROUP BY: on 5,000,000 purchases SQLite's GROUP BY
 * either sorts every row (seconds and hundreds of megabytes with
 * temp_store=MEMORY) or walks the member index with a random read of the
 * table per purchase (slower still), while a sequential scan takes about
 * half a second. */
typedef struct
{
  GArray  *ids;       /* gint64 */
  Tally   *tallies;   /* ids->len of them */
  /* Member ids are nearly consecutive (rows are never deleted), so a table
   * from (id - first_id) to the tally's index answers without the cache
   * misses of a binary search; NULL when the ids are too sparse for it. */
  guint32 *slots;
  gint64   first_id;
  gsize    n_slots;
} Recount;

#define NO_SLOT G_MAXUINT32

static void
recount_free (Recount *recount)
{
  for (guint i = 0; recount->tallies != NULL && i < recount->ids->len; i++)
    g_free (recount->tallies[i].last_visit);
  g_free (recount->tallies);
  g_free (recount->slots);
  g_array_unref (recount->ids);
  g_free (recount);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recount, recount_free)

static Tally *
recount_find (Recount *recount,
              gint64   member_id)
{
  const gint64 *ids = (const gint64 *) (gpointer) recount->ids->data;
  guint low = 0;
  guint high = recount->ids->len;

  if (recount->slots != NULL)
    {
      guint64 offset = (guint64) member_id - (guint64) recount->first_id;

      if (member_id < recount->first_id || offset >= recount->n_slots ||
          recount->slots[offset] == NO_SLOT)
        return NULL;
      return &recount->tallies[recount->slots[offset]];
    }

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (ids[middle] == member_id)
        return &recount->tallies[middle];
      if (ids[middle] < member_id)
        low = middle + 1;
      else
        high = middle;
    }

  /* History of a member who does not exist: the foreign key check reports
   * it. */
  return NULL;
}

static void
recount_index_ids (Recount *recount)
{
  const gint64 *ids = (const gint64 *) (gpointer) recount->ids->data;
  guint n = recount->ids->len;
  guint64 range;

  if (n == 0)
    return;

  range = (guint64) ids[n - 1] - (guint64) ids[0] + 1;
  if (range > 4 * (guint64) n)
    return;

  recount->first_id = ids[0];
  recount->n_slots = range;
  recount->slots = g_new (guint32, range);
  memset (recount->slots, 0xff, range * sizeof (guint32));   /* all NO_SLOT */
  for (guint i = 0; i < n; i++)
    recount->slots[ids[i] - ids[0]] = i;
}

static Recount *
recount_new (KtStore  *store,
             GError  **error)
{
  g_autoptr(Recount) recount = g_new0 (Recount, 1);
  sqlite3_stmt *stmt;
  int rc;

  recount->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = _kt_store_prepare (store, "SELECT id, spent_year FROM members ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 year = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (recount->ids, id);
      g_array_append_val (years, year);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  recount->tallies = g_new0 (Tally, MAX (recount->ids->len, 1));
  for (guint i = 0; i < years->len; i++)
    recount->tallies[i].year = g_array_index (years, gint64, i);
  recount_index_ids (recount);
  return g_steal_pointer (&recount);
}

static gboolean
same_year (const char *at,
           gint64      year)
{
  return at != NULL && g_ascii_strtoll (at, NULL, 10) == year;
}

/* A purchase refunded in full no longer counts, nor do its items. */
static gboolean
tally_purchases (KtStore  *store,
                 Recount  *recount,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT member_id, amount - discount, at, items, "
                            "       refunded = 0 OR refunded < amount "
                            "FROM purchases",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *tally = recount_find (recount, sqlite3_column_int64 (stmt, 0));
      const char *at = (const char *) sqlite3_column_text (stmt, 2);
      gint64 spent = sqlite3_column_int64 (stmt, 1);

      if (tally == NULL)
        continue;

      tally->spent += spent;
      if (same_year (at, tally->year))
        tally->year_spent += spent;
      if (sqlite3_column_int (stmt, 4))
        {
          tally->purchases++;
          tally->items += sqlite3_column_int64 (stmt, 3);
        }
      if (at != NULL && g_strcmp0 (at, tally->last_visit) > 0)
        {
          g_free (tally->last_visit);
          tally->last_visit = g_strdup (at);
        }
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
tally_refunds (KtStore  *store,
               Recount  *recount,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT r.member_id, r.amount - r.discount, p.at "
                            "FROM refunds r JOIN purchases p ON p.id = r.purchase_id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *tally = recount_find (recount, sqlite3_column_int64 (stmt, 0));
      gint64 spent = sqlite3_column_int64 (stmt, 1);

      if (tally == NULL)
        continue;
      tally->spent -= spent;
      if (same_year ((const char *) sqlite3_column_text (stmt, 2), tally->year))
        tally->year_spent -= spent;
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
tally_points (KtStore  *store,
              Recount  *recount,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store, "SELECT member_id, points, remaining FROM points_ledger", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *tally = recount_find (recount, sqlite3_column_int64 (stmt, 0));

      if (tally == NULL)
        continue;
      tally->points += sqlite3_column_int64 (stmt, 1);
      tally->points_left += sqlite3_column_int64 (stmt, 2);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
tally_gift (KtStore  *store,
            Recount  *recount,
            GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store, "SELECT member_id, amount FROM gift_ledger", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *tally = recount_find (recount, sqlite3_column_int64 (stmt, 0));

      if (tally != NULL)
        tally->gift += sqlite3_column_int64 (stmt, 1);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

void
_kt_store_add_difference (GPtrArray  *differences,
                          gint64      member_id,
                          const char *what,
                          const char *stored,
                          const char *computed)
{
  KtCheckDifference *difference;

  /* Compared as text: a counter stored with the wrong type shows too. */
  if (g_strcmp0 (stored != NULL ? stored : "", computed) == 0)
    return;

  difference = g_new0 (KtCheckDifference, 1);
  difference->member_id = member_id;
  difference->what = g_strdup (what);
  difference->stored = g_strdup (stored != NULL ? stored : "");
  difference->computed = g_strdup (computed);
  g_ptr_array_add (differences, difference);
}

static void
add_number_difference (GPtrArray   *differences,
                       gint64       member_id,
                       const char  *what,
                       const char  *stored,
                       gint64       computed)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, computed);
  _kt_store_add_difference (differences, member_id, what, stored, text);
}

static void
compare_member (sqlite3_stmt *stmt,
                const Tally  *tally,
                GPtrArray    *differences)
{
  gint64 member_id = sqlite3_column_int64 (stmt, 0);

#define STORED(column) ((const char *) sqlite3_column_text (stmt, (column)))
  add_number_difference (differences, member_id, "total_spent", STORED (1), tally->spent);
  add_number_difference (differences, member_id, "purchase_count", STORED (2), tally->purchases);
  _kt_store_add_difference (differences, member_id, "last_visit", STORED (3),
                  tally->last_visit != NULL ? tally->last_visit : "");
  add_number_difference (differences, member_id, "points", STORED (4), tally->points);
  _kt_store_add_difference (differences, member_id, "card", STORED (5), STORED (6));
  add_number_difference (differences, member_id, "year_spent", STORED (7), tally->year_spent);
  add_number_difference (differences, member_id, "items_count", STORED (8), tally->items);
  add_number_difference (differences, member_id, "gift_balance", STORED (9), tally->gift);
  /* The balance is also what is left of the member's lots. */
  add_number_difference (differences, member_id, "points_in_lots", STORED (4), tally->points_left);
#undef STORED
}

/* Compares every member's stored counters with the tally. A member with
 * several active cards is reported by check_one_active_card(); comparing
 * their card column to one of them would only repeat it. */
static gboolean
compare_members (KtStore    *store,
                 Recount    *recount,
                 GPtrArray  *differences,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT m.id, m.total_spent, m.purchase_count, m.last_visit, "
                            "       m.points, m.card, "
                            "       CASE WHEN coalesce(a.n, 0) > 1 THEN m.card "
                            "            ELSE coalesce(a.number, '') END, "
                            "       m.year_spent, m.items_count, m.gift_balance "
                            "FROM members m LEFT JOIN ("
                            "  SELECT member_id, MIN(number) AS number, COUNT(*) AS n "
                            "  FROM cards WHERE state = 1 GROUP BY member_id) a "
                            "ON a.member_id = m.id "
                            "ORDER BY m.id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const Tally *tally = recount_find (recount, sqlite3_column_int64 (stmt, 0));

      /* Same read transaction: every member was counted. */
      g_assert (tally != NULL);
      compare_member (stmt, tally, differences);
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
recount_members (KtStore    *store,
                 GPtrArray  *differences,
                 GError    **error)
{
  g_autoptr(Recount) recount = recount_new (store, error);

  return recount != NULL &&
         tally_purchases (store, recount, error) &&
         tally_refunds (store, recount, error) &&
         tally_points (store, recount, error) &&
         tally_gift (store, recount, error) &&
         compare_members (store, recount, differences, error);
}

/* The count of listed members kept for opening the list (member id 0:
 * it belongs to the register, not to one member). */
static gboolean
recount_listed (KtStore    *store,
                GPtrArray  *differences,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT (SELECT listed_members FROM register_counts), "
                            "       (SELECT count(*) FROM members WHERE archived = 0)",
                            error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    _kt_store_add_difference (differences, 0, "listed_members",
                    (const char *) sqlite3_column_text (stmt, 0),
                    (const char *) sqlite3_column_text (stmt, 1));
  return _kt_store_finish_rows (store, stmt, rc == SQLITE_ROW ? sqlite3_step (stmt) : rc, error);
}

/* ---- the whole check ----------------------------------------------------------- */

static gboolean
run_checks (KtStore    *store,
            GString    *findings,
            GPtrArray  *differences,
            GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!check_integrity (store, findings, error))
    return FALSE;

  if (check_foreign_keys (store, findings, &local_error) &&
      check_card_owners (store, findings, &local_error) &&
      check_one_active_card (store, findings, &local_error) &&
      recount_members (store, differences, &local_error) &&
      _kt_store_check_ledgers (store, differences, &local_error) &&
      recount_listed (store, differences, &local_error))
    return TRUE;

  /* On a file SQLite already found damaged, the later reads may fail too:
   * its findings are the answer, and counts from broken pages are not. */
  if (findings->len > 0 && g_error_matches (local_error, KT_ERROR, KT_ERROR_CORRUPT))
    {
      g_ptr_array_set_size (differences, 0);
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
kt_store_check (KtStore     *store,
                char       **out_integrity,
                GPtrArray  **out_differences,
                GError     **error)
{
  g_autoptr(GString) findings = g_string_new (NULL);
  g_autoptr(GPtrArray) differences = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);

  differences = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_check_difference_free);

  /* One read transaction: every part of the check sees the same snapshot
   * even while a till records purchases. */
  if (!_kt_store_exec (store, "BEGIN", error))
    return FALSE;

  ok = run_checks (store, findings, differences, error);
  /* Nothing was written: ending the read transaction cannot lose anything,
   * and unlike COMMIT it cannot fail on a damaged file. */
  _kt_store_rollback (store);
  if (!ok)
    return FALSE;

  if (findings->len == 0)
    g_string_assign (findings, "ok");

  if (out_integrity != NULL)
    *out_integrity = g_string_free (g_steal_pointer (&findings), FALSE);
  if (out_differences != NULL)
    *out_differences = g_steal_pointer (&differences);
  return TRUE;
}
