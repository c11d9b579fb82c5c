/* kt-store-name-search.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search results in name order without sorting the matches.
 *
 * The FTS index's rowid is each member's search key: the first five letters
 * of the folded name, coded in name order, above the member id. FTS5 hands
 * out matches in rowid order, so they arrive sorted by those letters, and a
 * page only needs the matches up to the end of the last "group" of equal
 * letters it touches. Inside a group the full folded names decide, read
 * from a covering index over (search_key, name_key). A one-letter search
 * over a million members reads a page and a group or two, never the
 * hundreds of thousands of matches.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <string.h>

#include "store/kt-store-private.h"

#define GROUP_OF(key) ((key) >> KT_SEARCH_KEY_ID_BITS)
#define ID_OF(key) ((key) & (((gint64) 1 << KT_SEARCH_KEY_ID_BITS) - 1))

/* Groups of at most this many matches get their names by id; bigger ones
 * read the group's stretch of the covering index. */
#define FEW_IN_GROUP 16

typedef struct
{
  gint64  key;
  char   *name_key;     /* NULL when alone in its group: not needed */
} Candidate;

static void
clear_candidate (gpointer data)
{
  g_free (((Candidate *) data)->name_key);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Candidate *ca = a;
  const Candidate *cb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);
  gint64 ga = GROUP_OF (ca->key);
  gint64 gb = GROUP_OF (cb->key);
  int order = (ga > gb) - (ga < gb);

  if (order == 0 && ca->name_key != NULL && cb->name_key != NULL)
    order = strcmp (ca->name_key, cb->name_key);
  if (order == 0)
    order = (ID_OF (ca->key) > ID_OF (cb->key)) - (ID_OF (ca->key) < ID_OF (cb->key));
  return descending ? -order : order;
}

/* Reads the matches in key order from `start` on, keeping whole groups:
 * with no `after`, the groups holding positions offset .. offset+limit-1
 * (`out_skip` tells how many rows of the first kept group come before
 * `offset`); with `after`, its group and as many following groups as
 * make up `limit` more rows. */
static GArray *
collect_keys (KtStore     *store,
              const char  *fts_query,
              gboolean     descending,
              gboolean     from_after,
              gint64       start,
              guint        offset,
              guint        limit,
              guint       *out_skip,
              GError     **error)
{
  static const char *const sql[2] = {
    "SELECT rowid FROM member_search WHERE member_search MATCH ?1 AND rowid >= ?2 ORDER BY rowid",
    "SELECT rowid FROM member_search WHERE member_search MATCH ?1 AND rowid <= ?2 "
    "ORDER BY rowid DESC",
  };
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 group = -1;
  guint position = 0;         /* of the row being read, in key order */
  guint group_start = 0;      /* position of the current group's first row */
  guint first_group_rows = 0; /* from_after: rows of the `after` row's group */
  int rc;

  stmt = _kt_store_prepare (store, sql[descending ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, start);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      if (GROUP_OF (key) != group)
        {
          /* A group boundary: stop once the page is covered. */
          if (from_after)
            {
              if (group >= 0 && first_group_rows == 0)
                first_group_rows = keys->len;
              if (group >= 0 && keys->len >= first_group_rows + limit)
                break;
            }
          else
            {
              if (position >= offset + limit)
                break;
              if (position <= offset)
                g_array_set_size (keys, 0);   /* the page starts later */
            }
          group = GROUP_OF (key);
          group_start = position;
          if (!from_after && position <= offset)
            *out_skip = offset - group_start;
        }
      g_array_append_val (keys, key);
      position++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _kt_store_set_error (store, error);
      return NULL;
    }
  if (!from_after && position <= offset)
    g_array_set_size (keys, 0);
  return g_steal_pointer (&keys);
}

static gboolean
name_keys_by_id (KtStore  *store,
                 Candidate *candidates,
                 guint      n,
                 GError   **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store, "SELECT name_key FROM members WHERE id = ?1",
                                          error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ID_OF (candidates[i].key));
      candidates[i].name_key = sqlite3_step (stmt) == SQLITE_ROW
        ? _kt_store_column_text (stmt, 0)
        : g_strdup ("");
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
name_keys_by_group (KtStore   *store,
                    Candidate *candidates,
                    guint      n,
                    GError   **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 group = GROUP_OF (candidates[0].key);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (wanted, &candidates[i].key, &candidates[i]);

  stmt = _kt_store_prepare (store,
                            "SELECT search_key, name_key FROM members "
                            "WHERE search_key BETWEEN ?1 AND ?2 AND search_text <> ''",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group << KT_SEARCH_KEY_ID_BITS);
  sqlite3_bind_int64 (stmt, 2, ((group + 1) << KT_SEARCH_KEY_ID_BITS) - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      Candidate *candidate = g_hash_table_lookup (wanted, &key);

      if (candidate != NULL)
        candidate->name_key = _kt_store_column_text (stmt, 1);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (candidates[i].name_key == NULL)
      candidates[i].name_key = g_strdup ("");
  return TRUE;
}

/* The keys as candidates, with the full folded name wherever a group has
 * more than one (and always in `exact_group`, the `after` row's). */
static GArray *
candidates_for (KtStore  *store,
                GArray   *keys,
                gint64    exact_group,
                GError  **error)
{
  g_autoptr(GArray) candidates = g_array_sized_new (FALSE, TRUE, sizeof (Candidate), keys->len);
  guint run = 0;

  g_array_set_clear_func (candidates, clear_candidate);
  g_array_set_size (candidates, keys->len);
  for (guint i = 0; i < keys->len; i++)
    g_array_index (candidates, Candidate, i).key = g_array_index (keys, gint64, i);

  /* Keys come group by group: give each run of one group its names. */
  while (run < keys->len)
    {
      Candidate *first = &g_array_index (candidates, Candidate, run);
      gint64 group = GROUP_OF (first->key);
      guint n = 1;
      gboolean ok = TRUE;

      while (run + n < keys->len && GROUP_OF (first[n].key) == group)
        n++;
      if (n > FEW_IN_GROUP)
        ok = name_keys_by_group (store, first, n, error);
      else if (n > 1 || group == exact_group)
        ok = name_keys_by_id (store, first, n, error);
      if (!ok)
        return NULL;
      run += n;
    }
  return g_steal_pointer (&candidates);
}

static gboolean
is_after (const Candidate *candidate,
          const Candidate *after,
          gboolean         descending)
{
  return compare_candidates (candidate, after, GINT_TO_POINTER (descending)) > 0;
}

GPtrArray *
_kt_store_name_search_page (KtStore         *store,
                            const char      *fts_query,
                            gboolean         descending,
                            const KtMember  *after,
                            guint            offset,
                            guint            limit,
                            GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_member_free);
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autofree char *after_name_key = NULL;
  Candidate after_candidate = { 0, NULL };
  gint64 after_group = -1;
  sqlite3_stmt *stmt;
  gint64 start;
  guint skip = 0;
  guint first;

  if (after != NULL)
    {
      after_name_key = _kt_store_name_key (after->name);
      after_candidate.key = _kt_store_search_key (after_name_key, after->id);
      after_candidate.name_key = after_name_key;
      after_group = GROUP_OF (after_candidate.key);
      start = descending
        ? ((after_group + 1) << KT_SEARCH_KEY_ID_BITS) - 1
        : after_group << KT_SEARCH_KEY_ID_BITS;
    }
  else
    start = descending ? G_MAXINT64 : 0;

  keys = collect_keys (store, fts_query, descending, after != NULL, start,
                       offset, limit, &skip, error);
  if (keys == NULL)
    return NULL;
  candidates = candidates_for (store, keys, after_group, error);
  if (candidates == NULL)
    return NULL;
  g_array_sort_with_data (candidates, compare_candidates, GINT_TO_POINTER (descending));

  first = skip;
  if (after != NULL)
    for (first = 0; first < candidates->len; first++)
      if (is_after (&g_array_index (candidates, Candidate, first), &after_candidate, descending))
        break;

  stmt = _kt_store_prepare (store, "SELECT " KT_MEMBER_COLUMNS " FROM members m WHERE m.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  for (guint i = first; i < candidates->len && rows->len < limit; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ID_OF (g_array_index (candidates, Candidate, i).key));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (rows, _kt_store_member_from_row (stmt));
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}
