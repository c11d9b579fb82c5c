/* kt-store-programme.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop's programme in the register: schemes and the quote settings.
 *
 * A scheme row keeps its definition as the text of a one-scheme scheme
 * file, so the register and the files a shop exchanges share one parser
 * and one validation. The till reads the programme on every quote, so the
 * parsed programme is kept until this connection changes it or another
 * one commits (PRAGMA data_version).
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/kt-store-private.h"

#define SETTING_COMBINE "discount_combine"
#define SETTING_CAP     "discount_cap_bp"
#define SETTING_LIMITS  "category_limits"
#define BP_FULL 10000

/* ---- settings ------------------------------------------------------------ */

/* Category maximums are kept as "category\tbp" lines. */
static void
parse_limits (KtProgramme *programme,
              const char  *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');
      g_autofree char *category = NULL;

      if (tab == NULL || tab == lines[i])
        continue;
      category = g_strndup (lines[i], (gsize) (tab - lines[i]));
      kt_programme_add_limit (programme, category, g_ascii_strtoll (tab + 1, NULL, 10));
    }
}

static gboolean
read_settings (KtStore      *store,
               KtProgramme  *programme)
{
  g_autofree char *combine = kt_store_get_setting (store, SETTING_COMBINE);
  g_autofree char *cap = kt_store_get_setting (store, SETTING_CAP);
  g_autofree char *limits = kt_store_get_setting (store, SETTING_LIMITS);

  programme->combine = g_strcmp0 (combine, "add") == 0 ? KT_COMBINE_ADD : KT_COMBINE_BEST;
  programme->cap_bp = cap != NULL ? g_ascii_strtoll (cap, NULL, 10) : 0;
  parse_limits (programme, limits);
  return TRUE;
}

static gboolean
check_settings (const KtQuoteSettings  *settings,
                GError                **error)
{
  if (settings->cap_bp < 0 || settings->cap_bp > BP_FULL)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The discount cap must be 0 to 100 %."));
      return FALSE;
    }

  for (guint i = 0; i < settings->n_limits; i++)
    {
      const KtCategoryLimit *limit = &settings->limits[i];

      if (limit->category == NULL || *limit->category == '\0'
          || strpbrk (limit->category, "\t\n") != NULL)
        {
          g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                               _("A category needs a name on one line."));
          return FALSE;
        }
      if (limit->max_bp < 0 || limit->max_bp > BP_FULL)
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("The maximum discount of “%s” must be 0 to 100 %%."),
                       limit->category);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (settings->limits[j].category, limit->category) == 0)
          {
            g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                         _("The category “%s” has two maximum discounts."),
                         limit->category);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
_kt_store_write_setting (KtStore     *store,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store,
                                          "INSERT OR REPLACE INTO settings (key, value) "
                                          "VALUES (?1, ?2)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

static gboolean
write_settings (KtStore                *store,
                const KtQuoteSettings  *settings,
                GError                **error)
{
  g_autoptr(GString) limits = g_string_new (NULL);
  char cap[32];

  for (guint i = 0; i < settings->n_limits; i++)
    g_string_append_printf (limits, "%s%s\t%lld", i > 0 ? "\n" : "",
                            settings->limits[i].category,
                            (long long) settings->limits[i].max_bp);
  g_snprintf (cap, sizeof cap, "%lld", (long long) settings->cap_bp);

  return _kt_store_write_setting (store, SETTING_COMBINE,
                        settings->combine == KT_COMBINE_ADD ? "add" : "best", error)
         && _kt_store_write_setting (store, SETTING_CAP, cap, error)
         && _kt_store_write_setting (store, SETTING_LIMITS, limits->str, error);
}

/* ---- scheme rows ------------------------------------------------------- */

static KtQuoteSettings no_settings = { KT_COMBINE_BEST, 0, NULL, 0 };

static char *
scheme_definition (const KtScheme  *scheme,
                   GError         **error)
{
  KtScheme *one = (KtScheme *) scheme;

  return kt_scheme_file_to_data (&one, 1, &no_settings, error);
}

static KtScheme *
scheme_from_definition (gint64       id,
                        const char  *definition,
                        GError     **error)
{
  g_autoptr(KtProgramme) one = kt_scheme_file_parse (definition, -1, error);
  KtScheme *scheme;

  if (one == NULL)
    return NULL;
  if (one->schemes->len != 1)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_CORRUPT,
                   _("The register’s scheme %lld cannot be read."), (long long) id);
      return NULL;
    }

  scheme = g_ptr_array_steal_index (one->schemes, 0);
  scheme->id = id;
  return scheme;
}

static KtProgramme *
read_programme (KtStore  *store,
                GError  **error)
{
  g_autoptr(KtProgramme) programme = kt_programme_new ();
  sqlite3_stmt *stmt;
  int rc;

  read_settings (store, programme);

  stmt = _kt_store_prepare (store,
                            "SELECT id, definition FROM schemes ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KtScheme *scheme = scheme_from_definition (sqlite3_column_int64 (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 error);

      if (scheme == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (programme->schemes, scheme);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&programme);
}

/* ---- the cached programme ------------------------------------------------ */

void
_kt_store_programme_forget (KtStore *store)
{
  g_clear_pointer (&store->programme, kt_programme_free);
}

static gboolean
data_version (KtStore  *store,
              gint64   *out_version,
              GError  **error)
{
  return _kt_store_query_int64 (store, "PRAGMA data_version", out_version, error);
}

const KtProgramme *
_kt_store_programme (KtStore  *store,
                     GError  **error)
{
  gint64 version;

  if (!data_version (store, &version, error))
    return NULL;
  if (store->programme != NULL && version == store->programme_version)
    return store->programme;

  _kt_store_programme_forget (store);
  store->programme = read_programme (store, error);
  store->programme_version = version;
  return store->programme;
}

KtProgramme *
kt_store_programme_get (KtStore  *store,
                        GError  **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  return read_programme (store, error);
}

/* ---- changes ------------------------------------------------------------- */

/* The scheme with this name, 0 when none. Names are compared as scheme
 * files compare them, without regard to case, so that every programme
 * the register holds can be written to a file and read back. */
static gboolean
scheme_id_by_name (KtStore     *store,
                   const char  *name,
                   gint64      *out_id,
                   GError     **error)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  sqlite3_stmt *stmt = _kt_store_prepare (store, "SELECT id, name FROM schemes", error);
  int rc;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *other = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1);

      if (g_str_equal (folded, other))
        *out_id = sqlite3_column_int64 (stmt, 0);
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gboolean
insert_scheme (KtStore   *store,
               KtScheme  *scheme,
               GError   **error)
{
  g_autofree char *definition = scheme_definition (scheme, error);
  sqlite3_stmt *stmt;

  if (definition == NULL)
    return FALSE;
  stmt = _kt_store_prepare (store,
                            "INSERT INTO schemes (position, name, definition) "
                            "VALUES ((SELECT coalesce (MAX (position), 0) + 1 FROM schemes), ?1, ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  scheme->id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

static gboolean
update_scheme (KtStore         *store,
               const KtScheme  *scheme,
               gint64           position,
               GError         **error)
{
  g_autofree char *definition = scheme_definition (scheme, error);
  sqlite3_stmt *stmt;

  if (definition == NULL)
    return FALSE;
  stmt = _kt_store_prepare (store,
                            "UPDATE schemes SET name = ?2, definition = ?3, "
                            "  position = CASE WHEN ?4 > 0 THEN ?4 ELSE position END "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scheme->id);
  sqlite3_bind_text (stmt, 2, scheme->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, definition, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, position);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no scheme %lld."), (long long) scheme->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_scheme (KtStore   *store,
             KtScheme  *scheme,
             GError   **error)
{
  gint64 same_name;

  if (!kt_scheme_validate (scheme, error)
      || !scheme_id_by_name (store, scheme->name, &same_name, error))
    return FALSE;
  if (same_name != 0 && same_name != scheme->id)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("There is already a scheme called “%s”."), scheme->name);
      return FALSE;
    }

  if (scheme->id == 0)
    return insert_scheme (store, scheme, error);
  return update_scheme (store, scheme, 0, error);
}

gboolean
kt_store_scheme_save (KtStore   *store,
                      KtScheme  *scheme,
                      GError   **error)
{
  gint64 id_before;
  gboolean done;

  g_return_val_if_fail (store != NULL && scheme != NULL, FALSE);

  id_before = scheme->id;
  if (!_kt_store_begin (store, error))
    return FALSE;
  /* The days kept follow the programme just written, not the cached one. */
  done = save_scheme (store, scheme, error);
  _kt_store_programme_forget (store);
  done = done && _kt_store_spend_days_prepare (store, error);
  _kt_store_programme_forget (store);
  if (!_kt_store_end (store, done, error))
    {
      scheme->id = id_before;
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_scheme (KtStore  *store,
               gint64    scheme_id,
               GError  **error)
{
  sqlite3_stmt *stmt;

  /* The counters and their changes go with it (ON DELETE CASCADE). */
  stmt = _kt_store_prepare (store, "DELETE FROM schemes WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scheme_id);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no scheme %lld."), (long long) scheme_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
kt_store_scheme_delete (KtStore  *store,
                        gint64    scheme_id,
                        GError  **error)
{
  gboolean done;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!_kt_store_begin (store, error))
    return FALSE;
  done = delete_scheme (store, scheme_id, error);
  _kt_store_programme_forget (store);
  done = done && _kt_store_spend_days_prepare (store, error);
  _kt_store_programme_forget (store);
  return _kt_store_end (store, done, error);
}

gboolean
kt_store_quote_settings_save (KtStore                *store,
                              const KtQuoteSettings  *settings,
                              GError                **error)
{
  gboolean done;

  g_return_val_if_fail (store != NULL && settings != NULL, FALSE);

  if (!check_settings (settings, error) || !_kt_store_begin (store, error))
    return FALSE;
  done = write_settings (store, settings, error);
  _kt_store_programme_forget (store);
  return _kt_store_end (store, done, error);
}

/* ---- import -------------------------------------------------------------- */

gboolean
_kt_store_import_programme (KtStore            *store,
                            const KtProgramme  *programme,
                            GError            **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  KtQuoteSettings settings;
  sqlite3_stmt *stmt;
  int rc;

  kt_programme_get_settings (programme, &settings);
  if (!check_settings (&settings, error) || !write_settings (store, &settings, error))
    return FALSE;

  /* Names are unique within a file and within the register, so moving
   * every kept scheme out of the way first is not needed. */
  for (guint i = 0; i < programme->schemes->len; i++)
    {
      KtScheme *scheme = g_ptr_array_index (programme->schemes, i);
      gint64 saved_id = scheme->id;
      gint64 position = (gint64) i + 1;
      gboolean ok;

      if (!kt_scheme_validate (scheme, error)
          || !scheme_id_by_name (store, scheme->name, &scheme->id, error))
        return FALSE;
      if (scheme->id != 0)
        ok = update_scheme (store, scheme, position, error);
      else
        ok = insert_scheme (store, scheme, error)
             && update_scheme (store, scheme, position, error);
      if (ok)
        g_array_append_val (kept, scheme->id);
      scheme->id = saved_id;
      if (!ok)
        return FALSE;
    }

  /* Schemes the file does not have are removed. */
  stmt = _kt_store_prepare (store, "SELECT id FROM schemes ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gboolean found = FALSE;

        for (guint i = 0; i < kept->len && !found; i++)
          found = g_array_index (kept, gint64, i) == id;
        if (!found)
          g_array_append_val (gone, id);
      }
    if (!_kt_store_finish_rows (store, stmt, rc, error))
      return FALSE;
    for (guint i = 0; i < gone->len; i++)
      if (!delete_scheme (store, g_array_index (gone, gint64, i), error))
        return FALSE;
  }

  return TRUE;
}

gboolean
kt_store_programme_import (KtStore            *store,
                           const KtProgramme  *programme,
                           GError            **error)
{
  gboolean done;

  g_return_val_if_fail (store != NULL && programme != NULL, FALSE);

  if (!_kt_store_begin (store, error))
    return FALSE;
  done = _kt_store_import_programme (store, programme, error);
  _kt_store_programme_forget (store);
  done = done && _kt_store_spend_days_prepare (store, error);
  _kt_store_programme_forget (store);
  return _kt_store_end (store, done, error);
}

/* ---- categories ---------------------------------------------------------- */

static void
add_category (GPtrArray  *categories,
              const char *category)
{
  if (category == NULL || *category == '\0')
    return;
  for (guint i = 0; i < categories->len; i++)
    if (g_str_equal (g_ptr_array_index (categories, i), category))
      return;
  g_ptr_array_add (categories, g_strdup (category));
}

static int
compare_text (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

GStrv
kt_store_programme_categories (KtStore  *store,
                               GError  **error)
{
  const KtProgramme *programme = _kt_store_programme (store, error);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);

  if (programme == NULL)
    return NULL;

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      add_category (categories, scheme->category);
      for (guint j = 0; scheme->stamp_categories != NULL && scheme->stamp_categories[j] != NULL; j++)
        add_category (categories, scheme->stamp_categories[j]);
    }
  for (guint i = 0; i < programme->limits->len; i++)
    add_category (categories, g_array_index (programme->limits, KtCategoryLimit, i).category);

  g_ptr_array_sort (categories, compare_text);
  g_ptr_array_add (categories, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&categories), FALSE);
}
