/* kt-store-print.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card designs, batches as the Cards page lists them, what goes on each
 * card of a print job, and the record of what was printed.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-print.h"
#include "store/kt-store-private.h"

/* ---- designs ------------------------------------------------------------- */

#define DESIGN_COLUMNS \
  "id, layout, logo, logo_type, front_image, front_type, back_image, back_type"

static void
read_image (sqlite3_stmt *stmt,
            int           column,
            KtCardImage  *image)
{
  const void *blob = sqlite3_column_blob (stmt, column);
  int size = sqlite3_column_bytes (stmt, column);
  g_autoptr(GBytes) bytes = NULL;

  if (blob == NULL || size <= 0)
    return;
  bytes = g_bytes_new (blob, (gsize) size);
  kt_card_image_set (image, bytes, (const char *) sqlite3_column_text (stmt, column + 1));
}

static KtCardDesign *
design_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  KtCardDesign *design = kt_card_design_from_data ((const char *) sqlite3_column_text (stmt, 1),
                                                   error);

  if (design == NULL)
    return NULL;
  design->id = sqlite3_column_int64 (stmt, 0);
  read_image (stmt, 2, &design->logo);
  read_image (stmt, 4, &design->front_image);
  read_image (stmt, 6, &design->back_image);
  return design;
}

static GPtrArray *
read_designs (KtStore  *store,
              GError  **error)
{
  g_autoptr(GPtrArray) designs = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_design_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT " DESIGN_COLUMNS " FROM card_designs ORDER BY name, id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KtCardDesign *design = design_from_row (stmt, error);

      if (design == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (designs, design);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&designs);
}

static void
bind_image (sqlite3_stmt      *stmt,
            int                column,
            const KtCardImage *image)
{
  gsize size = 0;
  gconstpointer data = image->bytes != NULL ? g_bytes_get_data (image->bytes, &size) : NULL;

  if (data == NULL || size == 0)
    {
      sqlite3_bind_null (stmt, column);
      sqlite3_bind_null (stmt, column + 1);
      return;
    }
  sqlite3_bind_blob64 (stmt, column, data, size, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, column + 1, image->mime_type, -1, SQLITE_TRANSIENT);
}

static gboolean
write_design (KtStore       *store,
              KtCardDesign  *design,
              GError       **error)
{
  g_autofree char *layout = kt_card_design_to_data (design);
  sqlite3_stmt *stmt;

  if (design->id == 0)
    stmt = _kt_store_prepare (store,
                              "INSERT INTO card_designs (name, layout, logo, logo_type, "
                              "  front_image, front_type, back_image, back_type) "
                              "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                              error);
  else
    stmt = _kt_store_prepare (store,
                              "UPDATE card_designs SET name = ?2, layout = ?3, logo = ?4, "
                              "  logo_type = ?5, front_image = ?6, front_type = ?7, "
                              "  back_image = ?8, back_type = ?9 WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (design->id != 0)
    sqlite3_bind_int64 (stmt, 1, design->id);
  sqlite3_bind_text (stmt, 2, design->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, layout, -1, SQLITE_TRANSIENT);
  bind_image (stmt, 4, &design->logo);
  bind_image (stmt, 6, &design->front_image);
  bind_image (stmt, 8, &design->back_image);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  if (design->id == 0)
    design->id = sqlite3_last_insert_rowid (store->db);
  else if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no card design %lld."), (long long) design->id);
      return FALSE;
    }
  return TRUE;
}

/* A register without designs gets the standard one, so that there is
 * always a design to print with. */
static gboolean
ensure_a_design (KtStore  *store,
                 GError  **error)
{
  g_autoptr(KtCardDesign) standard = NULL;
  gint64 count;

  if (!_kt_store_query_int64 (store, "SELECT count (*) FROM card_designs", &count, error))
    return FALSE;
  if (count > 0)
    return TRUE;

  standard = kt_card_design_new_default (_("Standard"));
  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, write_design (store, standard, error), error);
}

GPtrArray *
kt_store_card_designs (KtStore  *store,
                       GError  **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  if (!ensure_a_design (store, error))
    return NULL;
  return read_designs (store, error);
}

KtCardDesign *
kt_store_card_design_get (KtStore  *store,
                          gint64    design_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) designs = kt_store_card_designs (store, error);

  if (designs == NULL)
    return NULL;
  for (guint i = 0; i < designs->len; i++)
    if (((KtCardDesign *) designs->pdata[i])->id == design_id)
      return g_ptr_array_steal_index (designs, i);

  g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
               _("There is no card design %lld."), (long long) design_id);
  return NULL;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);
  g_autofree char *folded_b = g_utf8_casefold (b, -1);

  return g_str_equal (folded_a, folded_b);
}

KtCardDesign *
kt_store_card_design_find (KtStore     *store,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(GPtrArray) designs = kt_store_card_designs (store, error);

  if (designs == NULL)
    return NULL;
  for (guint i = 0; i < designs->len; i++)
    if (name == NULL || same_name (((KtCardDesign *) designs->pdata[i])->name, name))
      return g_ptr_array_steal_index (designs, i);

  g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
               _("There is no card design called “%s”."), name);
  return NULL;
}

static gboolean
save_design (KtStore       *store,
             KtCardDesign  *design,
             GError       **error)
{
  g_autoptr(GPtrArray) designs = read_designs (store, error);

  if (designs == NULL)
    return FALSE;
  for (guint i = 0; i < designs->len; i++)
    {
      const KtCardDesign *other = designs->pdata[i];

      if (other->id != design->id && same_name (other->name, design->name))
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("There is already a card design called “%s”."), design->name);
          return FALSE;
        }
    }
  return write_design (store, design, error);
}

gboolean
kt_store_card_design_save (KtStore       *store,
                           KtCardDesign  *design,
                           GError       **error)
{
  gint64 id_before;

  g_return_val_if_fail (store != NULL && design != NULL, FALSE);

  if (!kt_card_design_validate (design, error) || !_kt_store_begin (store, error))
    return FALSE;
  id_before = design->id;
  if (!_kt_store_end (store, save_design (store, design, error), error))
    {
      design->id = id_before;
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_design (KtStore  *store,
               gint64    design_id,
               GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count;

  if (!_kt_store_query_int64 (store, "SELECT count (*) FROM card_designs", &count, error))
    return FALSE;
  if (count <= 1)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The last card design cannot be removed: cards need one to be "
                             "printed with."));
      return FALSE;
    }

  stmt = _kt_store_prepare (store, "DELETE FROM card_designs WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, design_id);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no card design %lld."), (long long) design_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
kt_store_card_design_delete (KtStore  *store,
                             gint64    design_id,
                             GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, delete_design (store, design_id, error), error);
}

/* ---- batches ------------------------------------------------------------- */

void
kt_card_batch_free (KtCardBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->created);
  g_free (batch->note);
  g_free (batch->first_number);
  g_free (batch->last_number);
  g_free (batch->design_name);
  g_free (batch->printed);
  g_free (batch);
}

#define BATCH_QUERY \
  "SELECT b.id, b.created, b.count, b.note, " \
  "  (SELECT count (*) FROM cards c WHERE c.batch_id = b.id AND c.state <> 0), " \
  "  (SELECT MIN (number) FROM cards c WHERE c.batch_id = b.id), " \
  "  (SELECT MAX (number) FROM cards c WHERE c.batch_id = b.id), " \
  "  (SELECT design_name FROM card_prints p WHERE p.batch_id = b.id ORDER BY p.id DESC LIMIT 1), " \
  "  (SELECT at FROM card_prints p WHERE p.batch_id = b.id ORDER BY p.id DESC LIMIT 1) " \
  "FROM card_batches b "

static KtCardBatch *
batch_from_row (sqlite3_stmt *stmt)
{
  KtCardBatch *batch = g_new0 (KtCardBatch, 1);

  batch->id = sqlite3_column_int64 (stmt, 0);
  batch->created = _kt_store_column_text (stmt, 1);
  batch->count = (guint) sqlite3_column_int64 (stmt, 2);
  batch->note = _kt_store_column_text (stmt, 3);
  batch->assigned = (guint) sqlite3_column_int64 (stmt, 4);
  batch->first_number = _kt_store_column_text (stmt, 5);
  batch->last_number = _kt_store_column_text (stmt, 6);
  batch->design_name = _kt_store_column_text_or_null (stmt, 7);
  batch->printed = _kt_store_column_text_or_null (stmt, 8);
  return batch;
}

GPtrArray *
kt_store_card_batches (KtStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_batch_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _kt_store_prepare (store, BATCH_QUERY "ORDER BY b.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (batches, batch_from_row (stmt));
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&batches);
}

KtCardBatch *
kt_store_card_batch_get (KtStore  *store,
                         gint64    batch_id,
                         GError  **error)
{
  KtCardBatch *batch = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _kt_store_prepare (store, BATCH_QUERY "WHERE b.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      batch = batch_from_row (stmt);
      rc = SQLITE_DONE;
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    {
      kt_card_batch_free (batch);
      return NULL;
    }
  if (batch == NULL)
    g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                 _("There is no batch %lld."), (long long) batch_id);
  return batch;
}

/* ---- faces --------------------------------------------------------------- */

void
kt_card_face_free (KtCardFace *face)
{
  if (face == NULL)
    return;

  g_free (face->number);
  g_free (face->member_name);
  g_free (face->tier);
  g_free (face->date);
  g_free (face);
}

GPtrArray *
kt_store_card_faces_of_batch (KtStore  *store,
                              gint64    batch_id,
                              GError  **error)
{
  g_autoptr(KtCardBatch) batch = kt_store_card_batch_get (store, batch_id, error);
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);
  sqlite3_stmt *stmt;
  int rc;

  if (batch == NULL)
    return NULL;

  stmt = _kt_store_prepare (store,
                            "SELECT number, symbology FROM cards WHERE batch_id = ?1 "
                            "ORDER BY number",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KtCardFace *face = g_new0 (KtCardFace, 1);

      face->number = _kt_store_column_text (stmt, 0);
      face->symbology = (KtSymbology) sqlite3_column_int (stmt, 1);
      face->date = g_strndup (batch->created, 10);
      g_ptr_array_add (faces, face);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&faces);
}

/* The card with its member's name and tier, as of today. */
static KtCardFace *
face_of_card (KtStore       *store,
              const KtCard  *card,
              GError       **error)
{
  g_autoptr(KtCardFace) face = g_new0 (KtCardFace, 1);

  face->number = g_strdup (card->number);
  face->symbology = card->symbology;
  face->date = g_strndup (card->issued != NULL ? card->issued : card->changed, 10);

  if (card->member_id != 0)
    {
      g_autoptr(KtMember) member = kt_store_member_get (store, card->member_id, error);
      g_autoptr(KtMemberStanding) standing = NULL;

      if (member == NULL)
        return NULL;
      standing = kt_store_member_standing (store, card->member_id, NULL, error);
      if (standing == NULL)
        return NULL;
      face->member_name = g_strdup (member->name);
      face->tier = g_strdup (standing->tier);
    }

  return g_steal_pointer (&face);
}

KtCardFace *
kt_store_card_face (KtStore     *store,
                    const char  *number,
                    GError     **error)
{
  g_autoptr(KtCard) card = NULL;

  g_return_val_if_fail (store != NULL && number != NULL, NULL);

  card = kt_store_card_lookup (store, number, error);
  if (card == NULL)
    return NULL;
  return face_of_card (store, card, error);
}

#define MEMBER_PAGE 500

GPtrArray *
kt_store_card_faces_of_members (KtStore              *store,
                                const KtMemberQuery  *query,
                                guint                 limit,
                                GError              **error)
{
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);
  g_autoptr(GPtrArray) page = NULL;
  const KtMember *last = NULL;

  g_return_val_if_fail (store != NULL && query != NULL, NULL);

  /* Pages in the query's order, each continuing after the last member
   * read (keyset paging), until enough cards or no more members. */
  do
    {
      g_autoptr(GPtrArray) next = kt_store_member_page (store, query, last, 0, MEMBER_PAGE, error);

      if (next == NULL)
        return NULL;
      for (guint i = 0; i < next->len && faces->len < limit; i++)
        {
          const KtMember *member = next->pdata[i];
          g_autoptr(KtCard) card = NULL;
          KtCardFace *face;

          if (member->card == NULL || *member->card == '\0')
            continue;
          card = kt_store_card_lookup (store, member->card, error);
          if (card == NULL)
            return NULL;
          if (card->state != KT_CARD_ACTIVE)
            continue;
          face = face_of_card (store, card, error);
          if (face == NULL)
            return NULL;
          g_ptr_array_add (faces, face);
        }
      g_clear_pointer (&page, g_ptr_array_unref);
      page = g_steal_pointer (&next);
      last = page->len > 0 ? page->pdata[page->len - 1] : NULL;
    }
  while (page->len == MEMBER_PAGE && faces->len < limit);

  return g_steal_pointer (&faces);
}

/* ---- the record ---------------------------------------------------------- */

gboolean
kt_store_card_print_record (KtStore             *store,
                            gint64               batch_id,
                            const KtCardDesign  *design,
                            const char          *layout,
                            guint                count,
                            GError             **error)
{
  g_autofree char *now = kt_datetime_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && design != NULL && layout != NULL, FALSE);

  if (count == 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID, _("Nothing was printed."));
      return FALSE;
    }
  if (!_kt_store_begin (store, error))
    return FALSE;
  stmt = _kt_store_prepare (store,
                            "INSERT INTO card_prints (at, batch_id, design_name, layout, count) "
                            "VALUES (?1, nullif (?2, 0), ?3, ?4, ?5)",
                            error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, batch_id);
      sqlite3_bind_text (stmt, 3, design->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, layout, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, count);
    }
  return _kt_store_end (store, stmt != NULL && _kt_store_step_done (store, stmt, error), error);
}
