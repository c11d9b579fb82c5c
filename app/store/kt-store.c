/* kt-store.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the register: the file, its pragmas, the schema migrations, the
 * statement cache, transactions and the shop's settings.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/kt-text.h"
#include "store/kt-store-private.h"
#include "store/kt-store-schema.h"

/* ---- errors and columns ------------------------------------------------- */

void
_kt_store_set_error (KtStore  *store,
                     GError  **error)
{
  int code = sqlite3_extended_errcode (store->db);
  const char *message = sqlite3_errmsg (store->db);

  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KT_ERROR, KT_ERROR_BUSY,
                   _("The register is in use by another program; try again in a moment"));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KT_ERROR, KT_ERROR_CORRUPT,
                   _("The register file is damaged or is not a Kartoteka register"));
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                   _("The register file cannot be written: %s"), message);
      break;
    case SQLITE_FULL:
      g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                   _("The disk is full; nothing was saved"));
      break;
    default:
      g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                   _("Database error: %s"), message);
      break;
    }
}

char *
_kt_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

char *
_kt_store_column_text_or_null (sqlite3_stmt *stmt,
                               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

/* ---- statements and transactions ----------------------------------------- */

sqlite3_stmt *
_kt_store_prepare (KtStore     *store,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      _kt_store_set_error (store, error);
      return NULL;
    }

  /* Keyed by the address of the static SQL text: every caller passes a
   * string literal, so the same text is the same key. */
  g_hash_table_insert (store->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_kt_store_exec (KtStore     *store,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _kt_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_kt_store_finish_rows (KtStore       *store,
                       sqlite3_stmt  *stmt,
                       int            rc,
                       GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      _kt_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_kt_store_step_done (KtStore       *store,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  return _kt_store_finish_rows (store, stmt, rc, error);
}

gboolean
_kt_store_query_int64 (KtStore     *store,
                       const char  *sql,
                       gint64      *out_value,
                       GError     **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _kt_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_kt_store_begin (KtStore  *store,
                 GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a concurrent writer is seen as
   * "busy" before anything is changed rather than half-way through. */
  return _kt_store_exec (store, "BEGIN IMMEDIATE", error);
}

gboolean
_kt_store_commit (KtStore  *store,
                  GError  **error)
{
  if (!_kt_store_exec (store, "COMMIT", error))
    {
      _kt_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

void
_kt_store_rollback (KtStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_kt_store_end (KtStore   *store,
               gboolean   done,
               GError   **error)
{
  if (!done)
    {
      _kt_store_rollback (store);
      return FALSE;
    }
  return _kt_store_commit (store, error);
}

/* ---- the search function ------------------------------------------------ */

static void
free_query_tokens (void *tokens)
{
  g_strfreev (tokens);
}

/* kt_match(search_text, query): TRUE when every word of the query is the
 * start of a word of search_text. The same rule as the FTS5 prefix query,
 * used when walking a sorted index is cheaper than collecting every match. */
static void
kt_match_sql (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char **tokens = sqlite3_get_auxdata (context, 1);

  if (tokens == NULL)
    {
      tokens = kt_text_query_tokens ((const char *) sqlite3_value_text (argv[1]));
      sqlite3_set_auxdata (context, 1, tokens, free_query_tokens);
      /* SQLite may have freed it already if it could not keep it. */
      tokens = sqlite3_get_auxdata (context, 1);
      if (tokens == NULL)
        {
          g_auto(GStrv) once = kt_text_query_tokens ((const char *) sqlite3_value_text (argv[1]));
          sqlite3_result_int (context, kt_text_tokens_match (text, (const char *const *) once));
          return;
        }
    }

  sqlite3_result_int (context, kt_text_tokens_match (text, (const char *const *) tokens));
}

/* ---- opening ------------------------------------------------------------ */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd;

  /* Created by us, before SQLite opens it, so that it is the owner's only
   * from its first byte: the register holds personal data. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                   _("Cannot create the register “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (KtStore  *store,
         GError  **error)
{
  int version = kt_store_get_schema_version (store);
  int latest = kt_store_schema_version_latest ();

  if (version > latest)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_TOO_NEW,
                   _("This register was saved by a newer version of Kartoteka (schema %d); "
                     "this version understands up to schema %d"),
                   version, latest);
      return FALSE;
    }

  for (int v = version; v < latest; v++)
    {
      g_autofree char *set_version = NULL;

      if (!_kt_store_begin (store, error))
        return FALSE;
      if (!_kt_store_exec (store, _kt_store_migrations[v], error))
        {
          _kt_store_rollback (store);
          g_prefix_error (error, _("Cannot upgrade the register to schema %d: "), v + 1);
          return FALSE;
        }
      /* PRAGMA takes no bound parameter; the value is our own integer. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!_kt_store_exec (store, set_version, error) ||
          !_kt_store_commit (store, error))
        {
          _kt_store_rollback (store);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
configure_connection (KtStore  *store,
                      GError  **error)
{
  sqlite3_busy_timeout (store->db, 5000);
  sqlite3_extended_result_codes (store->db, 1);

  /* synchronous=FULL: a sale recorded at the till must survive a power cut
   * the moment the call returns. */
  if (!_kt_store_exec (store,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA temp_store = MEMORY;"
                       "PRAGMA cache_size = -8000;",
                       error))
    return FALSE;

  if (sqlite3_create_function_v2 (store->db, "kt_match", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, kt_match_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _kt_store_set_error (store, error);
      return FALSE;
    }

  return TRUE;
}

KtStore *
kt_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(KtStore) store = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  if (!create_private_file (path, error))
    return NULL;

  store = g_new0 (KtStore, 1);
  store->path = g_strdup (path);
  store->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             finalize_statement);

  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (store->db != NULL)
        _kt_store_set_error (store, error);
      else
        g_set_error (error, KT_ERROR, KT_ERROR_DATABASE,
                     _("Cannot open the register “%s”"), path);
      return NULL;
    }

  if (!configure_connection (store, error) || !migrate (store, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return g_steal_pointer (&store);
}

void
kt_store_close (KtStore *store)
{
  if (store == NULL)
    return;

  g_clear_pointer (&store->statements, g_hash_table_unref);
  _kt_store_programme_forget (store);
  if (store->db != NULL)
    {
      /* A clean close checkpoints the WAL into the main file. */
      sqlite3_close_v2 (store->db);
      store->db = NULL;
    }
  g_free (store->path);
  g_free (store);
}

const char *
kt_store_get_path (KtStore *store)
{
  return store->path;
}

int
kt_store_get_schema_version (KtStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  /* Not cached: PRAGMA results must be read fresh after a migration. */
  if (sqlite3_prepare_v2 (store->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

int
kt_store_schema_version_latest (void)
{
  return (int) _kt_store_n_migrations;
}

/* ---- settings ----------------------------------------------------------- */

char *
kt_store_get_setting (KtStore    *store,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  stmt = _kt_store_prepare (store, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _kt_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
validate_setting (const char  *key,
                  const char  *value,
                  GError     **error)
{
  if (g_str_equal (key, KT_SETTING_CARD_PREFIX))
    return kt_card_prefix_parse (value, NULL, error);

  if (g_str_equal (key, KT_SETTING_CURRENCY) && !kt_currency_is_known (value))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("“%s” is not a currency Kartoteka knows (for example UAH, EUR, HUF, USD)"),
                   value);
      return FALSE;
    }

  if (g_str_equal (key, KT_SETTING_SHOP_NAME) && g_utf8_strlen (value, -1) > 200)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID, _("The shop name is too long"));
      return FALSE;
    }

  return TRUE;
}

gboolean
kt_store_set_setting (KtStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *normalized = NULL;
  guint prefix;

  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!validate_setting (key, value, error))
    return FALSE;
  /* "7" and "07" are the same prefix; numbers are printed with two digits. */
  if (g_str_equal (key, KT_SETTING_CARD_PREFIX) && kt_card_prefix_parse (value, &prefix, NULL))
    value = normalized = g_strdup_printf ("%02u", prefix);

  stmt = _kt_store_prepare (store,
                            "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _kt_store_step_done (store, stmt, error);
}

guint
kt_store_get_card_prefix (KtStore *store)
{
  g_autofree char *text = kt_store_get_setting (store, KT_SETTING_CARD_PREFIX);
  guint prefix = 0;

  if (text == NULL || !kt_card_prefix_parse (text, &prefix, NULL))
    return 0;
  return prefix;
}
