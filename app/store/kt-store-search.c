/* kt-store-search.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing and searching members, a page at a time, in any sort order, fast
 * at a million members.
 *
 * Without search text a page is a walk along the sort order's index: from
 * a row offset (a jump) or from the last row of the previous page (keyset,
 * cheap at any depth).
 *
 * With search text in name order (the default, and what search-as-you-type
 * shows) the FTS5 index hands out its matches already sorted: see
 * kt-store-name-search.c. In the other orders there are two ways to a page,
 * chosen by how many members match (counted by FTS5, capped):
 *
 *  - few matches (a surname, a phone fragment): take them all from the FTS5
 *    index and sort them; at most SPARSE_LIMIT rows are sorted;
 *  - many matches (one or two letters): walk the sort order's index and keep
 *    the rows that match (kt_match(), the same rule as the FTS query). The
 *    order has nothing to do with the name, so matches are spread along it
 *    and a page fills after a few thousand rows.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-text.h"
#include "store/kt-store-private.h"

/* Above this many matches, walking the sorted index usually beats sorting
 * the matches: at 1 % density a page of 50 needs ~5,000 index steps. */
#define SPARSE_LIMIT 5000
/* How long a walk may take before collecting and sorting takes over, and
 * up to how many matches that is worth it (sorting costs ~1.5 µs a match). */
#define WALK_BUDGET_US 8000
#define FALLBACK_LIMIT 40000

/* Parameters: ?1 search (FTS query or typed text), ?2 limit, ?3 offset,
 * ?4 sort key of the `after` row, ?5 its second key (status sort), ?6 its id. */
#define SELECT_MEMBERS "SELECT " KT_MEMBER_COLUMNS " FROM members m "
#define LISTED "m.archived = 0 "
#define PAGE "LIMIT ?2 OFFSET ?3"
/* The FTS rowid is the member's search key; its low bits are the id. */
#define ID_MASK_SQL "67108863"
G_STATIC_ASSERT (((G_GINT64_CONSTANT (1) << KT_SEARCH_KEY_ID_BITS) - 1) == 67108863);
#define FTS_MATCHES \
  "SELECT " KT_MEMBER_COLUMNS " FROM member_search s " \
  "CROSS JOIN members m ON m.id = (s.rowid & " ID_MASK_SQL ") " \
  "WHERE member_search MATCH ?1 AND " LISTED

typedef struct
{
  const char *all;          /* everyone, from an offset */
  const char *all_after;    /* everyone, after a row */
  const char *dense;        /* matches of kt_match() along the index */
  const char *dense_after;
  const char *sparse;       /* the FTS matches, sorted */
  const char *sparse_after;
} PageSql;

/* One order, both directions: `*_after` compares a row with the `after`
 * row's keys (row values use the index), `asc`/`desc` order by them. */
#define PAGE_SQL(asc_after, desc_after, asc, desc) \
  { { SELECT_MEMBERS "WHERE " LISTED "ORDER BY " asc " " PAGE, \
      SELECT_MEMBERS "WHERE " LISTED "AND " asc_after " ORDER BY " asc " LIMIT ?2", \
      SELECT_MEMBERS "WHERE " LISTED "AND kt_match (m.search_text, ?1) ORDER BY " asc " " PAGE, \
      SELECT_MEMBERS "WHERE " LISTED "AND kt_match (m.search_text, ?1) AND " asc_after \
        " ORDER BY " asc " LIMIT ?2", \
      FTS_MATCHES "ORDER BY " asc " " PAGE, \
      FTS_MATCHES "AND " asc_after " ORDER BY " asc " LIMIT ?2" }, \
    { SELECT_MEMBERS "WHERE " LISTED "ORDER BY " desc " " PAGE, \
      SELECT_MEMBERS "WHERE " LISTED "AND " desc_after " ORDER BY " desc " LIMIT ?2", \
      SELECT_MEMBERS "WHERE " LISTED "AND kt_match (m.search_text, ?1) ORDER BY " desc " " PAGE, \
      SELECT_MEMBERS "WHERE " LISTED "AND kt_match (m.search_text, ?1) AND " desc_after \
        " ORDER BY " desc " LIMIT ?2", \
      FTS_MATCHES "ORDER BY " desc " " PAGE, \
      FTS_MATCHES "AND " desc_after " ORDER BY " desc " LIMIT ?2" } }

#define ONE_KEY_SQL(col) \
  PAGE_SQL ("(" col ", m.id) > (?4, ?6)", "(" col ", m.id) < (?4, ?6)", \
            col ", m.id", col " DESC, m.id DESC")

static const PageSql page_sql[KT_MEMBER_SORT_LAST + 1][2] = {
  [KT_MEMBER_SORT_NAME] = ONE_KEY_SQL ("m.name_key"),
  [KT_MEMBER_SORT_CARD] = ONE_KEY_SQL ("m.card"),
  [KT_MEMBER_SORT_PHONE] = ONE_KEY_SQL ("m.phone"),
  /* Status, then name within a status. */
  [KT_MEMBER_SORT_STATUS] = PAGE_SQL ("(m.status, m.name_key, m.id) > (?4, ?5, ?6)",
                                      "(m.status, m.name_key, m.id) < (?4, ?5, ?6)",
                                      "m.status, m.name_key, m.id",
                                      "m.status DESC, m.name_key DESC, m.id DESC"),
  [KT_MEMBER_SORT_TOTAL_SPENT] = ONE_KEY_SQL ("m.total_spent"),
  [KT_MEMBER_SORT_PURCHASES] = ONE_KEY_SQL ("m.purchase_count"),
  [KT_MEMBER_SORT_LAST_VISIT] = ONE_KEY_SQL ("m.last_visit"),
  [KT_MEMBER_SORT_POINTS] = ONE_KEY_SQL ("m.points"),
};

/* ---- the search text ---------------------------------------------------- */

/* The FTS5 query for what the user typed: every word as a prefix, all
 * required. The words are letters and digits only (kt_text_query_tokens),
 * so quoting them cannot break the query syntax. NULL when nothing is left
 * to search for. */
static char *
fts_query_for (const char *text)
{
  g_auto(GStrv) tokens = NULL;
  GString *query;

  if (text == NULL)
    return NULL;
  tokens = kt_text_query_tokens (text);
  if (tokens == NULL || tokens[0] == NULL)
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; tokens[i] != NULL; i++)
    g_string_append_printf (query, "%s\"%s\"*", i > 0 ? " " : "", tokens[i]);
  return g_string_free (query, FALSE);
}

static gboolean
count_rows (KtStore     *store,
            const char  *sql,
            const char  *param,
            gint64       cap,
            guint       *out_count,
            GError     **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (cap > 0)
    sqlite3_bind_int64 (stmt, 2, cap);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _kt_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* Matches, counted up to `cap`: tells which way to the page. */
static gboolean
count_matches_capped (KtStore     *store,
                      const char  *fts_query,
                      guint        cap,
                      guint       *out_count,
                      GError     **error)
{
  return count_rows (store,
                     "SELECT count(*) FROM (SELECT 1 FROM member_search "
                     "WHERE member_search MATCH ?1 LIMIT ?2)",
                     fts_query, cap, out_count, error);
}

gboolean
kt_store_member_count (KtStore              *store,
                       const KtMemberQuery  *query,
                       guint                *out_count,
                       GError              **error)
{
  g_autofree char *fts_query = NULL;
  guint capped = 0;

  g_return_val_if_fail (store != NULL && query != NULL && out_count != NULL, FALSE);

  fts_query = fts_query_for (query->text);
  if (fts_query == NULL)
    return count_rows (store, "SELECT listed_members FROM register_counts",
                       NULL, 0, out_count, error);

  if (!count_matches_capped (store, fts_query, SPARSE_LIMIT + 1, &capped, error))
    return FALSE;
  if (capped <= SPARSE_LIMIT)
    {
      *out_count = capped;
      return TRUE;
    }
  /* The FTS index holds listed members only (archived and erased members
   * have no search words), so its count is the list's. */
  return count_rows (store, "SELECT count(*) FROM member_search WHERE member_search MATCH ?1",
                     fts_query, 0, out_count, error);
}

/* ---- pages -------------------------------------------------------------- */

static int
past_deadline (void *data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

static void
bind_after (sqlite3_stmt   *stmt,
            KtMemberSort    sort,
            const KtMember *after)
{
  g_autofree char *name_key = NULL;

  switch (sort)
    {
    case KT_MEMBER_SORT_NAME:
      name_key = _kt_store_name_key (after->name);
      sqlite3_bind_text (stmt, 4, name_key, -1, SQLITE_TRANSIENT);
      break;
    case KT_MEMBER_SORT_CARD:
      sqlite3_bind_text (stmt, 4, after->card, -1, SQLITE_TRANSIENT);
      break;
    case KT_MEMBER_SORT_PHONE:
      sqlite3_bind_text (stmt, 4, after->phone, -1, SQLITE_TRANSIENT);
      break;
    case KT_MEMBER_SORT_STATUS:
      name_key = _kt_store_name_key (after->name);
      sqlite3_bind_int (stmt, 4, after->status);
      sqlite3_bind_text (stmt, 5, name_key, -1, SQLITE_TRANSIENT);
      break;
    case KT_MEMBER_SORT_TOTAL_SPENT:
      sqlite3_bind_int64 (stmt, 4, after->total_spent);
      break;
    case KT_MEMBER_SORT_PURCHASES:
      sqlite3_bind_int64 (stmt, 4, after->purchase_count);
      break;
    case KT_MEMBER_SORT_LAST_VISIT:
      sqlite3_bind_text (stmt, 4, after->last_visit != NULL ? after->last_visit : "",
                         -1, SQLITE_TRANSIENT);
      break;
    case KT_MEMBER_SORT_POINTS:
      sqlite3_bind_int64 (stmt, 4, after->points);
      break;
    default:
      g_assert_not_reached ();
    }
  sqlite3_bind_int64 (stmt, 6, after->id);
}

/* Runs a page statement. With a `deadline` (monotonic µs) SQLite is
 * interrupted once it passes, and `out_late` says so: the caller then takes
 * another way to the same rows. */
static GPtrArray *
run_page (KtStore             *store,
          const char          *sql,
          const char          *param,
          const KtMemberQuery *query,
          const KtMember      *after,
          guint                offset,
          guint                limit,
          gint64               deadline,
          gboolean            *out_late,
          GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (limit, (GDestroyNotify) kt_member_free);
  sqlite3_stmt *stmt = _kt_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (after != NULL)
    bind_after (stmt, query->sort, after);
  else
    sqlite3_bind_int64 (stmt, 3, offset);

  if (deadline > 0)
    sqlite3_progress_handler (store->db, 1000, past_deadline, &deadline);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _kt_store_member_from_row (stmt));
  if (deadline > 0)
    sqlite3_progress_handler (store->db, 0, NULL, NULL);

  if (rc == SQLITE_INTERRUPT && out_late != NULL)
    {
      sqlite3_reset (stmt);
      *out_late = TRUE;
      return NULL;
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

GPtrArray *
kt_store_member_page (KtStore              *store,
                      const KtMemberQuery  *query,
                      const KtMember       *after,
                      guint                 offset,
                      guint                 limit,
                      GError              **error)
{
  const PageSql *sql;
  g_autofree char *fts_query = NULL;
  GPtrArray *rows;
  gboolean late = FALSE;
  guint capped = 0;

  g_return_val_if_fail (store != NULL && query != NULL, NULL);
  g_return_val_if_fail (query->sort <= KT_MEMBER_SORT_LAST, NULL);

  sql = &page_sql[query->sort][query->descending ? 1 : 0];
  fts_query = fts_query_for (query->text);

  if (fts_query == NULL)
    return run_page (store, after != NULL ? sql->all_after : sql->all, NULL,
                     query, after, offset, limit, 0, NULL, error);

  if (query->sort == KT_MEMBER_SORT_NAME)
    return _kt_store_name_search_page (store, fts_query, query->descending,
                                       after, offset, limit, error);

  if (!count_matches_capped (store, fts_query, FALLBACK_LIMIT + 1, &capped, error))
    return NULL;

  /* Many matches: walking the sort order's index finds a page at once when
   * the matches are spread along it, but not when they bunch up (a first
   * name within one status) or the page is deep. Unless sorting them all
   * would cost more, the walk gets a few milliseconds; past them, the
   * matches are collected and sorted. */
  if (capped > SPARSE_LIMIT)
    {
      gint64 deadline = capped <= FALLBACK_LIMIT ? g_get_monotonic_time () + WALK_BUDGET_US : 0;

      rows = run_page (store, after != NULL ? sql->dense_after : sql->dense, query->text,
                       query, after, offset, limit, deadline, &late, error);
      if (rows != NULL || !late)
        return rows;
    }

  return run_page (store, after != NULL ? sql->sparse_after : sql->sparse, fts_query,
                   query, after, offset, limit, 0, NULL, error);
}
