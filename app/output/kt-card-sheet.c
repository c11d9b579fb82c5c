/* kt-card-sheet.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards on pages: one card per page for card printers, or ten on an A4 or
 * Letter sheet with crop marks, in duplex order when the backs print too.
 * kt_sheet_draw_page() is the one drawing routine for the PDF, the print
 * preview and the printer.
 */

#define G_LOG_DOMAIN "kt-card-sheet"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "core/kt-error.h"
#include "output/kt-card-render.h"
#include "output/kt-card-sheet.h"

#define PT_PER_MM (72.0 / 25.4)

/* Crop marks: thin lines on the cut lines, this far from the card (or
 * from its bleed), at most this long, and left out where a gutter is too
 * narrow for a visible one. */
#define MARK_WIDTH_MM 0.12
#define MARK_GAP_MM 0.5
#define MARK_LENGTH_MM 3.0
#define MARK_MIN_LENGTH_MM 0.5
/* Marks keep this far from the paper's edge, which printers leave blank. */
#define MARK_PAGE_EDGE_MM 1.0

/* Calibration that is more than a correction is a mistake. */

#define PDF_BUFFER_SIZE (256 * 1024)

typedef struct
{
  const char *name;
  double      page_width_mm;
  double      page_height_mm;
  guint       columns;
  guint       rows;
  double      gutter_x_mm;      /* between columns */
  double      gutter_y_mm;      /* between rows */
  gboolean    crop_marks;
} SheetGeometry;

/* A4 has 27 mm to spare under five cards: 3 mm between rows leaves 7.5 mm
 * margins, inside what printers reach. Letter has only 9.5 mm: rows touch
 * (one cut between them) so that the margins stay 4.8 mm rather than
 * shrinking below what a printer can print. Columns get 8 mm either way. */
static const SheetGeometry geometries[] = {
  [KT_SHEET_CR80] = { "cr80", KT_CARD_WIDTH_MM, KT_CARD_HEIGHT_MM, 1, 1, 0.0, 0.0, FALSE },
  [KT_SHEET_A4_10] = { "a4-10", 210.0, 297.0, 2, 5, 8.0, 3.0, TRUE },
  [KT_SHEET_LETTER_10] = { "letter-10", 215.9, 279.4, 2, 5, 8.0, 0.0, TRUE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (geometries) == KT_SHEET_LAYOUT_LAST + 1);

static const SheetGeometry *
geometry_of (KtSheetLayout layout)
{
  g_return_val_if_fail ((guint) layout <= KT_SHEET_LAYOUT_LAST, &geometries[KT_SHEET_CR80]);

  return &geometries[layout];
}

void
kt_sheet_options_init (KtSheetOptions *options,
                       KtSheetLayout   layout)
{
  g_return_if_fail (options != NULL);

  options->layout = layout;
  options->duplex = FALSE;
  options->bleed_mm = 0.0;
  options->offset_x_mm = 0.0;
  options->offset_y_mm = 0.0;
  options->scale = 1.0;
}

const char *
kt_sheet_layout_to_string (KtSheetLayout layout)
{
  return geometry_of (layout)->name;
}

gboolean
kt_sheet_layout_from_string (const char    *text,
                             KtSheetLayout *out_layout)
{
  for (guint i = 0; i < G_N_ELEMENTS (geometries); i++)
    if (g_strcmp0 (text, geometries[i].name) == 0)
      {
        *out_layout = (KtSheetLayout) i;
        return TRUE;
      }

  return FALSE;
}

const char *
kt_sheet_layout_label (KtSheetLayout layout)
{
  switch (layout)
    {
    case KT_SHEET_CR80:
      return _("One card per page (card printer)");
    case KT_SHEET_A4_10:
      return _("10 cards on A4");
    case KT_SHEET_LETTER_10:
      return _("10 cards on US Letter");
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
kt_sheet_cards_per_page (KtSheetLayout layout)
{
  const SheetGeometry *geometry = geometry_of (layout);

  return geometry->columns * geometry->rows;
}

void
kt_sheet_page_size (KtSheetLayout  layout,
                    double        *out_width_pt,
                    double        *out_height_pt)
{
  const SheetGeometry *geometry = geometry_of (layout);

  *out_width_pt = geometry->page_width_mm * PT_PER_MM;
  *out_height_pt = geometry->page_height_mm * PT_PER_MM;
}

static gboolean
prints_backs (const KtSheetOptions *options,
              const KtCardDesign   *design)
{
  return options->duplex && design->has_back;
}

guint
kt_sheet_n_pages (const KtSheetOptions *options,
                  const KtCardDesign   *design,
                  guint                 n_cards)
{
  guint per_page = kt_sheet_cards_per_page (options->layout);
  guint sheets = (n_cards + per_page - 1) / per_page;

  return prints_backs (options, design) ? 2 * sheets : sheets;
}

static gboolean
options_validate (const KtSheetOptions  *options,
                  GError               **error)
{
  if ((guint) options->layout > KT_SHEET_LAYOUT_LAST)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The sheet layout is not one Kartoteka knows."));
      return FALSE;
    }
  if (!(options->bleed_mm >= 0.0 && options->bleed_mm <= KT_SHEET_BLEED_MAX_MM))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The bleed must be between 0 and %.0f mm."), KT_SHEET_BLEED_MAX_MM);
      return FALSE;
    }
  if (!(fabs (options->offset_x_mm) <= KT_SHEET_OFFSET_MAX_MM
        && fabs (options->offset_y_mm) <= KT_SHEET_OFFSET_MAX_MM))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The printer offset must be at most %.0f mm either way."),
                   KT_SHEET_OFFSET_MAX_MM);
      return FALSE;
    }
  if (!(options->scale >= KT_SHEET_SCALE_MIN && options->scale <= KT_SHEET_SCALE_MAX))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The printer scale must be between %.0f %% and %.0f %%."),
                   KT_SHEET_SCALE_MIN * 100.0, KT_SHEET_SCALE_MAX * 100.0);
      return FALSE;
    }
  return TRUE;
}

/* ---- one page ------------------------------------------------------------- */

/* Where a card of the grid goes, and how much room it has on each side
 * before the next card or the paper's edge. */
typedef struct
{
  double x, y;
  double room_left, room_right, room_top, room_bottom;
} Slot;

static Slot
slot_of (const SheetGeometry *geometry,
         guint                row,
         guint                column)
{
  double grid_width = geometry->columns * KT_CARD_WIDTH_MM
                      + (geometry->columns - 1) * geometry->gutter_x_mm;
  double grid_height = geometry->rows * KT_CARD_HEIGHT_MM
                       + (geometry->rows - 1) * geometry->gutter_y_mm;
  double margin_x = (geometry->page_width_mm - grid_width) / 2.0;
  double margin_y = (geometry->page_height_mm - grid_height) / 2.0;
  Slot slot;

  slot.x = margin_x + column * (KT_CARD_WIDTH_MM + geometry->gutter_x_mm);
  slot.y = margin_y + row * (KT_CARD_HEIGHT_MM + geometry->gutter_y_mm);
  /* Between two cards each gets half the gutter. */
  slot.room_left = column == 0 ? margin_x : geometry->gutter_x_mm / 2.0;
  slot.room_right = column + 1 == geometry->columns ? margin_x : geometry->gutter_x_mm / 2.0;
  slot.room_top = row == 0 ? margin_y : geometry->gutter_y_mm / 2.0;
  slot.room_bottom = row + 1 == geometry->rows ? margin_y : geometry->gutter_y_mm / 2.0;
  return slot;
}

/* The bleed on one side: as asked, but never over the neighbour's. */
static double
bleed_into (double bleed,
            double room)
{
  return MIN (bleed, room);
}

static gboolean
draw_card (cairo_t              *cr,
           const KtSheetOptions *options,
           const KtCardDesign   *design,
           KtCardSide            side,
           const char           *shop_name,
           const KtCardFace     *face,
           const Slot           *slot,
           GError              **error)
{
  double bleed = options->bleed_mm;
  double left = bleed_into (bleed, slot->room_left);
  double right = bleed_into (bleed, slot->room_right);
  double top = bleed_into (bleed, slot->room_top);
  double bottom = bleed_into (bleed, slot->room_bottom);
  gboolean drawn;

  cairo_save (cr);
  cairo_rectangle (cr, slot->x - left, slot->y - top, KT_CARD_WIDTH_MM + left + right,
                   KT_CARD_HEIGHT_MM + top + bottom);
  cairo_clip (cr);
  cairo_translate (cr, slot->x, slot->y);
  drawn = kt_card_render_side (cr, design, side, shop_name, face, bleed, KT_CARD_RENDER_PRINT,
                               error);
  cairo_restore (cr);
  return drawn;
}

/* One crop mark on a cut line through (x, y), pointing away from the card
 * in direction (dx, dy), beyond the card's bleed, within its room. */
static void
add_mark (cairo_t *cr,
          double   x,
          double   y,
          double   dx,
          double   dy,
          double   bleed,
          double   room,
          gboolean outer)
{
  double start = bleed + MARK_GAP_MM;
  double end = MIN (start + MARK_LENGTH_MM, outer ? room - MARK_PAGE_EDGE_MM : room);

  if (end - start < MARK_MIN_LENGTH_MM)
    return;
  cairo_move_to (cr, x + dx * start, y + dy * start);
  cairo_line_to (cr, x + dx * end, y + dy * end);
}

static void
add_crop_marks (cairo_t              *cr,
                const SheetGeometry  *geometry,
                const KtSheetOptions *options,
                guint                 row,
                guint                 column)
{
  Slot slot = slot_of (geometry, row, column);
  double bleed = options->bleed_mm;
  double left = slot.x, right = slot.x + KT_CARD_WIDTH_MM;
  double top = slot.y, bottom = slot.y + KT_CARD_HEIGHT_MM;
  gboolean outer_left = column == 0, outer_right = column + 1 == geometry->columns;
  gboolean outer_top = row == 0, outer_bottom = row + 1 == geometry->rows;

  /* Along the top and bottom edges, out to the sides. */
  add_mark (cr, left, top, -1, 0, bleed_into (bleed, slot.room_left), slot.room_left, outer_left);
  add_mark (cr, left, bottom, -1, 0, bleed_into (bleed, slot.room_left), slot.room_left,
            outer_left);
  add_mark (cr, right, top, 1, 0, bleed_into (bleed, slot.room_right), slot.room_right,
            outer_right);
  add_mark (cr, right, bottom, 1, 0, bleed_into (bleed, slot.room_right), slot.room_right,
            outer_right);
  /* Along the left and right edges, up and down. */
  add_mark (cr, left, top, 0, -1, bleed_into (bleed, slot.room_top), slot.room_top, outer_top);
  add_mark (cr, right, top, 0, -1, bleed_into (bleed, slot.room_top), slot.room_top, outer_top);
  add_mark (cr, left, bottom, 0, 1, bleed_into (bleed, slot.room_bottom), slot.room_bottom,
            outer_bottom);
  add_mark (cr, right, bottom, 0, 1, bleed_into (bleed, slot.room_bottom), slot.room_bottom,
            outer_bottom);
}

gboolean
kt_sheet_draw_page (cairo_t              *cr,
                    const KtSheetOptions *options,
                    const KtCardDesign   *design,
                    const char           *shop_name,
                    KtCardFace *const    *faces,
                    guint                 n_faces,
                    guint                 page,
                    GError              **error)
{
  const SheetGeometry *geometry;
  guint per_page, sheet, first, count;
  KtCardSide side = KT_CARD_FRONT;
  double center_x, center_y;
  gboolean ok = TRUE;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (design != NULL, FALSE);
  g_return_val_if_fail (faces != NULL || n_faces == 0, FALSE);
  g_return_val_if_fail (page < kt_sheet_n_pages (options, design, n_faces), FALSE);

  if (!options_validate (options, error))
    return FALSE;

  geometry = geometry_of (options->layout);
  per_page = geometry->columns * geometry->rows;
  sheet = page;
  if (prints_backs (options, design))
    {
      sheet = page / 2;
      side = page % 2 == 0 ? KT_CARD_FRONT : KT_CARD_BACK;
    }
  first = sheet * per_page;
  count = MIN (per_page, n_faces - first);

  cairo_save (cr);
  cairo_scale (cr, PT_PER_MM, PT_PER_MM);
  /* Calibration: the printer's offset, then its scale about the centre. */
  center_x = geometry->page_width_mm / 2.0;
  center_y = geometry->page_height_mm / 2.0;
  cairo_translate (cr, center_x + options->offset_x_mm, center_y + options->offset_y_mm);
  cairo_scale (cr, options->scale, options->scale);
  cairo_translate (cr, -center_x, -center_y);

  for (guint i = 0; ok && i < count; i++)
    {
      guint row = i / geometry->columns;
      guint column = i % geometry->columns;
      Slot slot;

      /* A sheet turned over on its long edge: what was on the left is on
       * the right, so each back goes in the mirrored column. */
      if (side == KT_CARD_BACK)
        column = geometry->columns - 1 - column;
      slot = slot_of (geometry, row, column);
      ok = draw_card (cr, options, design, side, shop_name, faces[first + i], &slot, error);
    }

  if (ok && geometry->crop_marks)
    {
      for (guint i = 0; i < count; i++)
        {
          guint column = i % geometry->columns;

          if (side == KT_CARD_BACK)
            column = geometry->columns - 1 - column;
          add_crop_marks (cr, geometry, options, i / geometry->columns, column);
        }
      cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
      cairo_set_line_width (cr, MARK_WIDTH_MM);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  return ok;
}

/* ---- PDF ------------------------------------------------------------------ */

typedef struct
{
  FILE *file;
  int   error_number;     /* of the first failed write */
} PdfStream;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfStream *stream = closure;

  if (fwrite (data, 1, length, stream->file) != length)
    {
      if (stream->error_number == 0)
        stream->error_number = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_failed (GError     **error,
              const char  *path,
              int          error_number)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (error_number),
               _("Cannot write the PDF “%s”: %s"), display, g_strerror (error_number));
  return FALSE;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Printing the cards was stopped; no PDF was written."));
  return TRUE;
}

/* Draws every page onto the PDF surface. */
static gboolean
write_pages (cairo_surface_t      *surface,
             const KtSheetOptions *options,
             const KtCardDesign   *design,
             const char           *shop_name,
             KtCardFace *const    *faces,
             guint                 n_faces,
             KtSheetProgress       progress,
             gpointer              user_data,
             GCancellable         *cancellable,
             GError              **error)
{
  guint n_pages = kt_sheet_n_pages (options, design, n_faces);
  cairo_t *cr = cairo_create (surface);
  gboolean ok = TRUE;

  for (guint page = 0; ok && page < n_pages; page++)
    {
      ok = kt_sheet_draw_page (cr, options, design, shop_name, faces, n_faces, page, error);
      if (!ok)
        break;
      cairo_show_page (cr);
      if (progress != NULL)
        progress (page + 1, n_pages, user_data);
      ok = !cancelled (cancellable, error);
    }

  cairo_destroy (cr);
  return ok;
}

gboolean
kt_sheet_write_pdf (const char           *path,
                    const KtSheetOptions *options,
                    const KtCardDesign   *design,
                    const char           *shop_name,
                    KtCardFace *const    *faces,
                    guint                 n_faces,
                    KtSheetProgress       progress,
                    gpointer              user_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  PdfStream stream = { NULL, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width_pt, height_pt;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (design != NULL, FALSE);
  g_return_val_if_fail (faces != NULL || n_faces == 0, FALSE);

  if (n_faces == 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID, _("There are no cards to print."));
      return FALSE;
    }
  if (!options_validate (options, error) || cancelled (cancellable, error))
    return FALSE;

  /* Beside the target, so that the rename cannot cross file systems;
   * created with the usual permissions (0666 less the umask). */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return write_failed (error, path, errno);
  stream.file = fdopen (fd, "wb");
  if (stream.file == NULL)
    {
      int error_number = errno;

      close (fd);
      g_unlink (temp_path);
      return write_failed (error, path, error_number);
    }
  setvbuf (stream.file, NULL, _IOFBF, PDF_BUFFER_SIZE);

  kt_sheet_page_size (options->layout, &width_pt, &height_pt);
  surface = cairo_pdf_surface_create_for_stream (pdf_write, &stream, width_pt, height_pt);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kartoteka");
  if (design->name != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, design->name);

  ok = write_pages (surface, options, design, shop_name, faces, n_faces, progress, user_data,
                    cancellable, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      if (stream.error_number != 0)
        write_failed (error, path, stream.error_number);
      else
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the PDF “%s”: %s"),
                       display, cairo_status_to_string (status));
        }
      ok = FALSE;
    }
  if (ok && (fflush (stream.file) != 0 || fsync (fileno (stream.file)) != 0))
    ok = write_failed (error, path, errno);
  if (fclose (stream.file) != 0 && ok)
    ok = write_failed (error, path, errno);
  if (ok && g_rename (temp_path, path) != 0)
    ok = write_failed (error, path, errno);

  if (!ok)
    g_unlink (temp_path);
  return ok;
}
