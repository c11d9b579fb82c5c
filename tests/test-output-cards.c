/* test-output-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards as they come out of the printer: PDFs of a 100-card batch on every
 * sheet layout and with every barcode type, rasterised at 300 dpi with
 * pdftoppm and read back with zbarimg, as a till scanner would. Every card
 * must scan as its own number, once, on the page where it belongs.
 */

#define G_LOG_DOMAIN "test-output-cards"

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/kt-card-design.h"
#include "core/kt-card-number.h"
#include "core/kt-error.h"
#include "output/kt-barcode.h"
#include "output/kt-card-render.h"
#include "output/kt-card-sheet.h"
#include "store/kt-store-print.h"

#define BATCH_SIZE 100
#define SHOP_PREFIX 42
#define FIRST_SEQUENCE 7000
#define DPI 300
#define PX_PER_MM (DPI / 25.4)
/* Tools run side by side, about as many as this machine has cores. */
#define PARALLEL_TOOLS 4

static const char *const tools[] = { "pdftoppm", "pdfinfo", "zbarimg" };

/* ---- what is printed ------------------------------------------------------- */

/* A real batch: consecutive EAN-13 numbers; two cards in three handed to
 * members (some with non-Latin names), the rest blank. */
static GPtrArray *
make_batch (guint n)
{
  static const char *const names[] = {
    "Olena Kovalenko", "Олександр Шевченко", "Zsófia Kovács-Nagy", "Li Wei",
  };
  GPtrArray *faces = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);

  for (guint i = 0; i < n; i++)
    {
      KtCardFace *face = g_new0 (KtCardFace, 1);

      face->number = kt_card_number_make (SHOP_PREFIX, FIRST_SEQUENCE + i);
      face->symbology = KT_SYMBOLOGY_EAN13;
      if (i % 3 != 0)
        face->member_name = g_strdup (names[i % G_N_ELEMENTS (names)]);
      if (i % 4 == 1)
        face->tier = g_strdup ("Gold");
      face->date = g_strdup ("2026-03-14");
      g_ptr_array_add (faces, face);
    }
  return faces;
}

static KtCardDesign *
make_design (KtSymbology symbology,
             gboolean    barcode_on_back)
{
  KtCardDesign *design = kt_card_design_new_default ("Test");

  design->symbology = symbology;
  if (barcode_on_back)
    kt_card_design_add_field (design, KT_CARD_FIELD_BARCODE, KT_CARD_BACK, 22.0, 20.0, 42.0, 21.0);
  return design;
}

/* ---- the tools ----------------------------------------------------------- */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kartoteka-cards-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GSubprocess *
spawn (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  return process;
}

/* What the process printed; its exit status must be one of `ok_status`
 * (zbarimg exits with 4 when it finds no barcode). */
static char *
finish (GSubprocess *process,
        int          ok_status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  status = g_subprocess_get_exit_status (process);
  if (status != 0 && status != ok_status)
    g_error ("%s exited with %d", g_subprocess_get_identifier (process), status);
  return out;
}

/* Runs every command line (each a NULL-terminated GPtrArray of strings),
 * a few at a time, and returns their outputs in the same order. */
static GPtrArray *
run_all (GPtrArray *commands,
         int        ok_status)
{
  GPtrArray *outputs = g_ptr_array_new_with_free_func (g_free);
  GSubprocess *running[PARALLEL_TOOLS];

  for (guint start = 0; start < commands->len; start += PARALLEL_TOOLS)
    {
      guint count = MIN (PARALLEL_TOOLS, commands->len - start);

      for (guint i = 0; i < count; i++)
        running[i] = spawn ((const char *const *) ((GPtrArray *) commands->pdata[start + i])->pdata);
      for (guint i = 0; i < count; i++)
        {
          g_ptr_array_add (outputs, finish (running[i], ok_status));
          g_object_unref (running[i]);
        }
    }
  return outputs;
}

static GPtrArray *
command (const char *first,
         ...)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static char *
run (GPtrArray *argv)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outputs = NULL;

  g_ptr_array_add (commands, argv);
  outputs = run_all (commands, 0);
  return g_strdup (outputs->pdata[0]);
}

/* Rasterises every page at 300 dpi, in a few pdftoppm processes when
 * there are many pages, and returns the images in page order: PNG in
 * colour, or (`grey`) PGM as a scanner sees the card. PGM for the scans:
 * encoding PNG took three quarters of pdftoppm's time, and the raster is
 * the same. */
static GPtrArray *
rasterise (const char *dir,
           const char *pdf,
           guint       n_pages,
           gboolean    grey)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outputs = NULL;
  GPtrArray *images = g_ptr_array_new_with_free_func (g_free);
  guint parts = n_pages >= 4 ? PARALLEL_TOOLS : 1;
  guint per_part = (n_pages + parts - 1) / parts;
  int digits = n_pages >= 100 ? 3 : n_pages >= 10 ? 2 : 1;

  for (guint first = 1; first <= n_pages; first += per_part)
    {
      g_autofree char *from = g_strdup_printf ("%u", first);
      g_autofree char *to = g_strdup_printf ("%u", MIN (n_pages, first + per_part - 1));
      g_autofree char *root = g_build_filename (dir, "page", NULL);

      g_ptr_array_add (commands, command ("pdftoppm", "-r", "300", grey ? "-gray" : "-png",
                                          "-f", from, "-l", to, pdf, root, NULL));
    }
  outputs = run_all (commands, 0);

  /* pdftoppm numbers pages with as many digits as the last one needs. */
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *name = g_strdup_printf ("page-%0*u.%s", digits, page, grey ? "pgm" : "png");
      char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (images, path);
    }
  return images;
}

static const char *
zbar_decoder (KtSymbology symbology)
{
  switch (symbology)
    {
    case KT_SYMBOLOGY_EAN13:
      return "-Sean13.enable";
    case KT_SYMBOLOGY_CODE128:
      return "-Scode128.enable";
    case KT_SYMBOLOGY_QR:
      return "-Sqrcode.enable";
    default:
      g_assert_not_reached ();
    }
}

/* Decodes every image with only `symbology`'s decoder on (so a symbol of
 * another type cannot pass); one sorted list of numbers per image. */
static GPtrArray *
decode_all (GPtrArray   *images,
            KtSymbology  symbology)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) outputs = NULL;
  GPtrArray *decoded = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < images->len; i++)
    g_ptr_array_add (commands, command ("zbarimg", "-q", "--raw", "-Sdisable",
                                        zbar_decoder (symbology), images->pdata[i], NULL));
  outputs = run_all (commands, 4);

  for (guint i = 0; i < outputs->len; i++)
    {
      g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
      g_auto(GStrv) lines = g_strsplit (outputs->pdata[i], "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        if (*g_strstrip (lines[j]) != '\0')
          g_ptr_array_add (numbers, g_strdup (lines[j]));
      g_ptr_array_add (numbers, NULL);
      g_ptr_array_add (decoded, g_ptr_array_free (g_steal_pointer (&numbers), FALSE));
    }
  return decoded;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* What a scan found must be exactly `expected`: each once, nothing else. */
static void
assert_scanned (char       **found,
                GPtrArray   *expected,
                const char  *where)
{
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  guint n_found = g_strv_length (found);

  for (guint i = 0; i < expected->len; i++)
    g_ptr_array_add (want, expected->pdata[i]);
  g_ptr_array_sort (want, compare_strings);
  qsort (found, n_found, sizeof (char *), compare_strings);

  if (n_found != want->len)
    {
      g_autofree char *joined = g_strjoinv (" ", found);
      g_error ("%s: scanned %u codes (%s), expected %u", where, n_found, joined, want->len);
    }
  for (guint i = 0; i < n_found; i++)
    if (g_strcmp0 (found[i], want->pdata[i]) != 0)
      g_error ("%s: scanned %s where %s was printed", where, found[i],
               (const char *) want->pdata[i]);
}

/* Page size in points and number of pages, as pdfinfo reads them. */
static void
assert_pdf_info (const char *pdf,
                 double      width_pt,
                 double      height_pt,
                 guint       n_pages)
{
  g_autofree char *info = run (command ("pdfinfo", pdf, NULL));
  const char *size = strstr (info, "Page size:");
  const char *pages = strstr (info, "Pages:");
  double width, height;

  g_assert_nonnull (size);
  g_assert_nonnull (pages);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &width, &height), ==, 2);
  g_assert_cmpfloat_with_epsilon (width, width_pt, 0.1);
  g_assert_cmpfloat_with_epsilon (height, height_pt, 0.1);
  g_assert_cmpuint (strtoul (pages + strlen ("Pages:"), NULL, 10), ==, n_pages);
}

static char *
write_pdf (Fixture              *f,
           const char           *name,
           const KtSheetOptions *options,
           const KtCardDesign   *design,
           GPtrArray            *faces)
{
  g_autoptr(GError) error = NULL;
  char *pdf = g_build_filename (f->dir, name, NULL);

  g_assert_true (kt_sheet_write_pdf (pdf, options, design, "Green Leaf Grocery",
                                     (KtCardFace *const *) faces->pdata, faces->len,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return pdf;
}

static void
remove_files (GPtrArray *images)
{
  for (guint i = 0; i < images->len; i++)
    g_remove (images->pdata[i]);
}

/* Cuts a grey page image (PGM) into columns × rows equal cells, each
 * written as a PGM of its own: a scanner sees one card at a time, and the
 * cell tells where on the sheet a code was printed. Cells are listed row
 * by row. */
static void
cut_cells (const char *pgm,
           guint       columns,
           guint       rows,
           GPtrArray  *out_cells)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int page_width, page_height, max_value, header = 0;
  int width, height;

  g_assert_true (g_file_get_contents (pgm, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sscanf (contents, "P5 %d %d %d%n", &page_width, &page_height, &max_value,
                           &header), ==, 3);
  g_assert_cmpint (max_value, ==, 255);
  header++;   /* the one white space after the maximum */
  g_assert_cmpuint (length, ==, (gsize) header + (gsize) page_width * page_height);
  width = page_width / (int) columns;
  height = page_height / (int) rows;

  for (guint row = 0; row < rows; row++)
    for (guint column = 0; column < columns; column++)
      {
        g_autoptr(GString) cell = g_string_new (NULL);
        char *path = g_strdup_printf ("%s-%u-%u.pgm", pgm, row, column);

        g_string_printf (cell, "P5\n%d %d\n255\n", width, height);
        for (int y = 0; y < height; y++)
          g_string_append_len (cell, contents + header + (gsize) (row * height + y) * page_width
                                     + column * width, width);
        g_assert_true (g_file_set_contents (path, cell->str, (gssize) cell->len, &error));
        g_assert_no_error (error);
        g_ptr_array_add (out_cells, path);
      }
}

/* ---- every card scans ---------------------------------------------------- */

typedef struct
{
  KtSheetLayout layout;
  KtSymbology   symbology;
} BatchCase;

static void
test_batch_scans (Fixture       *f,
                  gconstpointer  data)
{
  const BatchCase *c = data;
  g_autoptr(GPtrArray) faces = make_batch (BATCH_SIZE);
  g_autoptr(KtCardDesign) design = make_design (c->symbology, FALSE);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) decoded = NULL;
  g_autofree char *pdf = NULL;
  guint per_page = kt_sheet_cards_per_page (c->layout);
  guint n_pages = (BATCH_SIZE + per_page - 1) / per_page;
  KtSheetOptions options;
  double width_pt, height_pt;

  kt_sheet_options_init (&options, c->layout);
  pdf = write_pdf (f, "batch.pdf", &options, design, faces);

  kt_sheet_page_size (c->layout, &width_pt, &height_pt);
  switch (c->layout)
    {
    case KT_SHEET_CR80:
      assert_pdf_info (pdf, 242.6, 153.0, n_pages);
      break;
    case KT_SHEET_A4_10:
      assert_pdf_info (pdf, 595.28, 841.89, n_pages);
      break;
    case KT_SHEET_LETTER_10:
      assert_pdf_info (pdf, 612.0, 792.0, n_pages);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpuint (kt_sheet_n_pages (&options, design, BATCH_SIZE), ==, n_pages);

  /* Each card is read on its own, where it was printed: card i of a page
   * is in row i / 2, column i % 2 of the sheet. */
  images = rasterise (f->dir, pdf, n_pages, TRUE);
  for (guint page = 0; page < n_pages; page++)
    {
      if (per_page == 1)
        g_ptr_array_add (cells, g_strdup (images->pdata[page]));
      else
        cut_cells (images->pdata[page], 2, per_page / 2, cells);
    }
  decoded = decode_all (cells, c->symbology);
  for (guint card = 0; card < n_pages * per_page; card++)
    {
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      g_autofree char *where = g_strdup_printf ("%s, %s, page %u, card %u",
                                                kt_sheet_layout_to_string (c->layout),
                                                kt_symbology_to_string (c->symbology),
                                                card / per_page + 1, card % per_page + 1);

      /* The last sheet's empty places scan as nothing. */
      if (card < BATCH_SIZE)
        g_ptr_array_add (expected, ((KtCardFace *) faces->pdata[card])->number);
      assert_scanned (decoded->pdata[card], expected, where);
    }
  if (per_page > 1)
    remove_files (cells);
  remove_files (images);
}

/* ---- duplex ------------------------------------------------------------------ */

/* Fronts, then their backs: each back must sit behind its front, so on
 * the back page a card's column is mirrored. The design has a barcode on
 * the back too, so a scan tells where each back landed. */
static void
test_duplex (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) faces = make_batch (BATCH_SIZE);
  g_autoptr(KtCardDesign) design = make_design (KT_SYMBOLOGY_EAN13, TRUE);
  g_autoptr(KtCardDesign) plain_back = make_design (KT_SYMBOLOGY_EAN13, FALSE);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(KtCardDesign) qr = make_design (KT_SYMBOLOGY_QR, FALSE);
  g_autofree char *pdf = NULL;
  g_autofree char *plain_pdf = NULL;
  KtSheetOptions options;
  guint n_pages;

  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  options.duplex = TRUE;
  n_pages = kt_sheet_n_pages (&options, design, BATCH_SIZE);
  g_assert_cmpuint (n_pages, ==, 20);

  /* Without a back, duplex prints fronts only. */
  plain_back->has_back = FALSE;
  g_assert_cmpuint (kt_sheet_n_pages (&options, plain_back, BATCH_SIZE), ==, 10);

  pdf = write_pdf (f, "duplex.pdf", &options, design, faces);
  assert_pdf_info (pdf, 595.28, 841.89, n_pages);
  images = rasterise (f->dir, pdf, n_pages, TRUE);
  for (guint page = 0; page < n_pages; page++)
    cut_cells (images->pdata[page], 2, 5, cells);
  remove_files (images);
  decoded = decode_all (cells, KT_SYMBOLOGY_EAN13);

  for (guint page = 0; page < n_pages; page++)
    for (guint slot = 0; slot < 10; slot++)
      {
        g_autoptr(GPtrArray) expected = g_ptr_array_new ();
        g_autofree char *where = g_strdup_printf ("duplex page %u, row %u, column %u", page + 1,
                                                  slot / 2 + 1, slot % 2 + 1);
        gboolean back = page % 2 == 1;
        /* The front's left column is on the back's right. */
        guint card = (page / 2) * 10 + (back ? (slot ^ 1) : slot);

        g_ptr_array_add (expected, ((KtCardFace *) faces->pdata[card])->number);
        assert_scanned (decoded->pdata[page * 10 + slot], expected, where);
      }
  remove_files (cells);

  /* The default back has no barcode: 20 pages all the same. */
  plain_pdf = write_pdf (f, "duplex-plain.pdf", &options, qr, faces);
  assert_pdf_info (plain_pdf, 595.28, 841.89, 20);
}

/* ---- crop marks, bleed, calibration ------------------------------------------ */

typedef struct
{
  cairo_surface_t *surface;
  int              width;
  int              height;
} Raster;

static Raster
raster_first_page (Fixture              *f,
                   const KtSheetOptions *options,
                   KtCardDesign         *design)
{
  g_autoptr(GPtrArray) faces = make_batch (10);
  g_autofree char *pdf = write_pdf (f, "sheet.pdf", options, design, faces);
  g_autoptr(GPtrArray) images = rasterise (f->dir, pdf, 1, FALSE);
  Raster raster;

  raster.surface = cairo_image_surface_create_from_png (images->pdata[0]);
  g_assert_cmpint (cairo_surface_status (raster.surface), ==, CAIRO_STATUS_SUCCESS);
  raster.width = cairo_image_surface_get_width (raster.surface);
  raster.height = cairo_image_surface_get_height (raster.surface);
  remove_files (images);
  return raster;
}

static guint32
pixel (const Raster *raster,
       int           x,
       int           y)
{
  const guchar *data = cairo_image_surface_get_data (raster->surface);
  int stride = cairo_image_surface_get_stride (raster->surface);

  g_assert_true (x >= 0 && y >= 0 && x < raster->width && y < raster->height);
  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static gboolean
is_dark (guint32 rgb)
{
  return ((rgb >> 16) & 0xff) < 110 && ((rgb >> 8) & 0xff) < 110 && (rgb & 0xff) < 110;
}

static gboolean
is_white (guint32 rgb)
{
  return ((rgb >> 16) & 0xff) > 240 && ((rgb >> 8) & 0xff) > 240 && (rgb & 0xff) > 240;
}

/* The default design's deep blue (#1a5fb4). */
static gboolean
is_card_blue (guint32 rgb)
{
  return ((rgb >> 16) & 0xff) < 80 && (rgb & 0xff) > 140;
}

/* The top left corner of the first card: the first fully blue pixel. */
static void
find_first_card (const Raster *raster,
                 int          *out_x,
                 int          *out_y)
{
  for (int y = 0; y < raster->height / 2; y++)
    for (int x = 0; x < raster->width / 2; x++)
      if (is_card_blue (pixel (raster, x, y)) && is_card_blue (pixel (raster, x + 20, y + 20)))
        {
          *out_x = x;
          *out_y = y;
          return;
        }
  g_error ("no card on the page");
}

/* The bottom right corner of the last card: the last fully blue pixel. */
static void
find_last_card (const Raster *raster,
                int          *out_x,
                int          *out_y)
{
  for (int y = raster->height - 1; y > raster->height / 2; y--)
    for (int x = raster->width - 1; x > raster->width / 2; x--)
      if (is_card_blue (pixel (raster, x, y)) && is_card_blue (pixel (raster, x - 20, y - 20)))
        {
          *out_x = x;
          *out_y = y;
          return;
        }
  g_error ("no last card on the page");
}

static int
px (double mm)
{
  return (int) lround (mm * PX_PER_MM);
}

/* Some dark pixel in the box from (x0, y0) to (x1, y1), corners included. */
static gboolean
dark_in (const Raster *raster,
         int           x0,
         int           y0,
         int           x1,
         int           y1)
{
  for (int y = MIN (y0, y1); y <= MAX (y0, y1); y++)
    for (int x = MIN (x0, x1); x <= MAX (x0, x1); x++)
      if (is_dark (pixel (raster, x, y)))
        return TRUE;
  return FALSE;
}

static void
test_crop_marks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KtCardDesign) design = make_design (KT_SYMBOLOGY_EAN13, FALSE);
  KtSheetOptions options;
  Raster plain, bled, moved, scaled;
  int x, y, x2, y2;

  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  plain = raster_first_page (f, &options, design);
  find_first_card (&plain, &x, &y);

  /* The card is 85.60 × 53.98 mm: its far corner is blue, and white
   * beyond it. */
  g_assert_true (is_card_blue (pixel (&plain, x + px (85.6) - 2, y + px (53.98) - 2)));
  g_assert_true (is_white (pixel (&plain, x + px (85.6) + 2, y + 10)));

  /* Crop marks on the card's top and left edges, outside the card: one
   * running left along the top edge, one running up along the left edge. */
  g_assert_true (dark_in (&plain, x - px (4.0), y - 2, x - px (0.3), y + 1));
  g_assert_true (dark_in (&plain, x - 2, y - px (4.0), x + 1, y - px (0.3)));
  /* They do not touch the card: white right at its corner. */
  for (int d = 2; d <= px (0.3); d++)
    {
      g_assert_true (is_white (pixel (&plain, x - d, y - d)));
      g_assert_true (is_white (pixel (&plain, x - d, y + 1)));
      g_assert_true (is_white (pixel (&plain, x + 1, y - d)));
    }
  /* None on the card itself or in the middle of the margin. */
  g_assert_false (dark_in (&plain, x + 4, y + 4, x + px (3.0), y + px (3.0)));
  g_assert_false (dark_in (&plain, x - px (8.0), y - px (6.0), x - px (6.0), y - px (5.0)));
  /* And at the far corner of the last card on the page. */
  find_last_card (&plain, &x2, &y2);
  g_assert_cmpint (abs (x2 - x - px (85.6)), >, px (85.6));
  g_assert_cmpint (abs (y2 - y - px (53.98)), >, px (4 * 53.98));
  g_assert_true (dark_in (&plain, x2 + px (0.3), y2 - 2, x2 + px (4.0), y2 + 2));
  g_assert_true (dark_in (&plain, x2 - 2, y2 + px (0.3), x2 + 2, y2 + px (4.0)));
  g_assert_true (is_white (pixel (&plain, x2 + 3, y2 + 3)));

  /* Bleed: the background reaches 2 mm beyond the cut, marks move out. */
  options.bleed_mm = 2.0;
  bled = raster_first_page (f, &options, design);
  g_assert_true (is_white (pixel (&plain, x - px (1.0), y + px (20.0))));
  g_assert_true (is_card_blue (pixel (&bled, x - px (1.0), y + px (20.0))));
  g_assert_true (is_card_blue (pixel (&bled, x + px (20.0), y - px (1.0))));
  g_assert_true (dark_in (&bled, x - px (6.0), y - 2, x - px (2.2), y + 1));
  g_assert_false (dark_in (&bled, x - px (1.8), y - px (1.8), x - 2, y - 2));

  /* Calibration: shifted by the offsets, then scaled about the centre. */
  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  options.offset_x_mm = 5.0;
  options.offset_y_mm = -2.0;
  moved = raster_first_page (f, &options, design);
  find_first_card (&moved, &x2, &y2);
  g_assert_cmpint (abs (x2 - (x + px (5.0))), <=, 1);
  g_assert_cmpint (abs (y2 - (y - px (2.0))), <=, 1);

  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  options.scale = 1.02;
  scaled = raster_first_page (f, &options, design);
  find_first_card (&scaled, &x2, &y2);
  g_assert_cmpint (abs (x2 - (int) lround (plain.width / 2.0 + 1.02 * (x - plain.width / 2.0))),
                   <=, 2);
  g_assert_cmpint (abs (y2 - (int) lround (plain.height / 2.0 + 1.02 * (y - plain.height / 2.0))),
                   <=, 2);

  cairo_surface_destroy (plain.surface);
  cairo_surface_destroy (bled.surface);
  cairo_surface_destroy (moved.surface);
  cairo_surface_destroy (scaled.surface);
}

/* ---- refusals -------------------------------------------------------------- */

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

/* A barcode field too small for the number is refused, not printed as
 * something no scanner reads. */
static void
test_too_small (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) faces = make_batch (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "small.pdf", NULL);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cairo_t *cr = cairo_create (surface);
  const char *number = ((KtCardFace *) faces->pdata[0])->number;
  KtSheetOptions options;

  /* 113 modules of EAN-13 at 0.264 mm need 29.9 mm; Code 128 more. */
  g_assert_false (kt_barcode_draw (cr, KT_SYMBOLOGY_EAN13, number, 0, 0, 25.0, 15.0, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);
  g_assert_true (kt_barcode_draw (cr, KT_SYMBOLOGY_EAN13, number, 0, 0, 31.0, 15.0, &error));
  g_assert_no_error (error);
  /* Bars too low to aim at. */
  g_assert_false (kt_barcode_draw (cr, KT_SYMBOLOGY_CODE128, number, 0, 0, 60.0, 4.0, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  /* QR needs 29 modules of 0.25 mm both ways. */
  g_assert_false (kt_barcode_draw (cr, KT_SYMBOLOGY_QR, number, 0, 0, 40.0, 7.0, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kt_barcode_draw (cr, KT_SYMBOLOGY_QR, number, 0, 0, 40.0, 7.5, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (KtSymbology symbology = KT_SYMBOLOGY_EAN13; symbology <= KT_SYMBOLOGY_QR; symbology++)
    {
      g_autoptr(KtCardDesign) design = kt_card_design_new_default ("Small");

      design->symbology = symbology;
      for (guint i = 0; i < design->fields->len; i++)
        {
          KtCardField *field = g_ptr_array_index (design->fields, i);

          if (field->kind == KT_CARD_FIELD_BARCODE)
            {
              field->width = 20.0;
              field->height = 6.0;
            }
        }

      kt_sheet_options_init (&options, KT_SHEET_A4_10);
      g_assert_false (kt_sheet_write_pdf (pdf, &options, design, "Shop",
                                          (KtCardFace *const *) faces->pdata, faces->len,
                                          NULL, NULL, NULL, &error));
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "too small"));
      g_clear_error (&error);
      g_assert_true (dir_is_empty (f->dir));
    }
}

static void
cancel_after_two (guint    done_pages,
                  guint    total_pages,
                  gpointer user_data)
{
  g_assert_cmpuint (total_pages, ==, 10);
  if (done_pages == 2)
    g_cancellable_cancel (user_data);
}

/* A cancelled job leaves no file, not even a temporary one, and does not
 * touch a PDF already there. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) faces = make_batch (BATCH_SIZE);
  g_autoptr(KtCardDesign) design = make_design (KT_SYMBOLOGY_EAN13, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autofree char *contents = NULL;
  KtSheetOptions options;

  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  g_assert_false (kt_sheet_write_pdf (pdf, &options, design, "Shop",
                                      (KtCardFace *const *) faces->pdata, faces->len,
                                      cancel_after_two, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (dir_is_empty (f->dir));

  g_assert_true (g_file_set_contents (pdf, "earlier", -1, &error));
  g_cancellable_reset (cancellable);
  g_assert_false (kt_sheet_write_pdf (pdf, &options, design, "Shop",
                                      (KtCardFace *const *) faces->pdata, faces->len,
                                      cancel_after_two, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  g_remove (pdf);
  g_assert_true (dir_is_empty (f->dir));
}

/* ---- numbers that are not EAN-13 ------------------------------------------------ */

/* Cards migrated from another system keep their numbers: an EAN-13
 * design prints them as Code 128, and they scan as themselves. */
static void
test_fallback_code128 (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const numbers[] = { "12345670", "KT-004217", "2000000000016" };
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(KtCardDesign) design = make_design (KT_SYMBOLOGY_EAN13, FALSE);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) decoded = NULL;
  g_autofree char *pdf = NULL;
  KtSheetOptions options;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      KtCardFace *face = g_new0 (KtCardFace, 1);

      face->number = g_strdup (numbers[i]);
      face->symbology = KT_SYMBOLOGY_CODE128;
      face->date = g_strdup ("2026-01-02");
      g_ptr_array_add (faces, face);
    }

  kt_sheet_options_init (&options, KT_SHEET_CR80);
  pdf = write_pdf (f, "fallback.pdf", &options, design, faces);
  images = rasterise (f->dir, pdf, faces->len, TRUE);
  decoded = decode_all (images, KT_SYMBOLOGY_CODE128);
  for (guint i = 0; i < faces->len; i++)
    {
      g_ptr_array_set_size (expected, 0);
      g_ptr_array_add (expected, (char *) numbers[i]);
      assert_scanned (decoded->pdata[i], expected, numbers[i]);
    }
  remove_files (images);
}

/* ---- the layouts' arithmetic ---------------------------------------------------- */

static void
test_layouts (void)
{
  g_autoptr(KtCardDesign) design = kt_card_design_new_default ("Standard");
  KtSheetOptions options;
  KtSheetLayout layout;
  double width, height;

  for (layout = KT_SHEET_CR80; layout <= KT_SHEET_LAYOUT_LAST; layout++)
    {
      KtSheetLayout back;

      g_assert_true (kt_sheet_layout_from_string (kt_sheet_layout_to_string (layout), &back));
      g_assert_cmpint (back, ==, layout);
      g_assert_nonnull (kt_sheet_layout_label (layout));
    }
  g_assert_false (kt_sheet_layout_from_string ("a5-4", &layout));

  kt_sheet_page_size (KT_SHEET_CR80, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 242.6, 0.1);
  g_assert_cmpfloat_with_epsilon (height, 153.0, 0.1);

  kt_sheet_options_init (&options, KT_SHEET_A4_10);
  g_assert_cmpuint (kt_sheet_cards_per_page (KT_SHEET_A4_10), ==, 10);
  g_assert_cmpuint (kt_sheet_n_pages (&options, design, 101), ==, 11);
  options.duplex = TRUE;
  g_assert_cmpuint (kt_sheet_n_pages (&options, design, 101), ==, 22);
  kt_sheet_options_init (&options, KT_SHEET_CR80);
  g_assert_cmpuint (kt_sheet_n_pages (&options, design, 7), ==, 7);
  options.duplex = TRUE;
  g_assert_cmpuint (kt_sheet_n_pages (&options, design, 7), ==, 14);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Images of a design: a PNG logo and background come out where placed. */
static void
test_images (void)
{
  g_autoptr(KtCardDesign) design = kt_card_design_new ("Images");
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *logo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 20);
  cairo_surface_t *card;
  cairo_t *cr = cairo_create (logo);
  Raster raster;

  cairo_set_source_rgb (cr, 1.0, 0.0, 0.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (logo, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (logo);
  bytes = g_bytes_new (png->data, png->len);
  kt_card_image_set (&design->logo, bytes, "image/png");
  design->front_color = 0x00ff00;
  kt_card_design_add_field (design, KT_CARD_FIELD_LOGO, KT_CARD_FRONT, 10.0, 10.0, 40.0, 10.0);

  card = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 856, 540);
  cr = cairo_create (card);
  cairo_scale (cr, 10.0, 10.0);
  g_assert_true (kt_card_render_side (cr, design, KT_CARD_FRONT, "Shop", NULL, 0.0,
                                      KT_CARD_RENDER_PRINT, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (card);

  raster = (Raster) { card, 856, 540 };
  /* The 2:1 logo fills the 10 mm height, 20 mm wide, at the start. */
  g_assert_cmphex (pixel (&raster, 200, 150), ==, 0xff0000);
  g_assert_cmphex (pixel (&raster, 290, 150), ==, 0xff0000);
  g_assert_cmphex (pixel (&raster, 320, 150), ==, 0x00ff00);
  g_assert_cmphex (pixel (&raster, 50, 50), ==, 0x00ff00);
  cairo_surface_destroy (card);
}

#ifdef KT_HAVE_RSVG
/* An SVG logo keeps its shape too (drawn as vectors through librsvg). */
static void
test_svg_logo (void)
{
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10' viewBox='0 0 20 10'>"
    "<rect width='20' height='10' fill='#0000ff'/></svg>";
  g_autoptr(KtCardDesign) design = kt_card_design_new ("Vector");
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, sizeof svg - 1);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *card = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 856, 540);
  cairo_t *cr = cairo_create (card);
  KtCardField *field;
  Raster raster = { card, 856, 540 };

  kt_card_image_set (&design->logo, bytes, "image/svg+xml");
  field = kt_card_design_add_field (design, KT_CARD_FIELD_LOGO, KT_CARD_FRONT,
                                    10.0, 10.0, 40.0, 10.0);
  field->align = KT_CARD_ALIGN_END;
  cairo_scale (cr, 10.0, 10.0);
  g_assert_true (kt_card_render_side (cr, design, KT_CARD_FRONT, "Shop", NULL, 0.0,
                                      KT_CARD_RENDER_PRINT, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (card);

  /* 20 × 10 mm at the end of the 40 mm field: from 30 to 50 mm. */
  g_assert_cmphex (pixel (&raster, 280, 150), ==, 0xffffff);
  g_assert_cmphex (pixel (&raster, 320, 150), ==, 0x0000ff);
  g_assert_cmphex (pixel (&raster, 490, 150), ==, 0x0000ff);
  cairo_surface_destroy (card);
}
#endif

int
main (int    argc,
      char **argv)
{
  static const BatchCase cases[] = {
    { KT_SHEET_CR80, KT_SYMBOLOGY_EAN13 },
    { KT_SHEET_CR80, KT_SYMBOLOGY_CODE128 },
    { KT_SHEET_CR80, KT_SYMBOLOGY_QR },
    { KT_SHEET_A4_10, KT_SYMBOLOGY_EAN13 },
    { KT_SHEET_A4_10, KT_SYMBOLOGY_CODE128 },
    { KT_SHEET_A4_10, KT_SYMBOLOGY_QR },
    { KT_SHEET_LETTER_10, KT_SYMBOLOGY_EAN13 },
    { KT_SHEET_LETTER_10, KT_SYMBOLOGY_CODE128 },
    { KT_SHEET_LETTER_10, KT_SYMBOLOGY_QR },
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          /* Skipped, never passed: without the tool nothing is checked. */
          g_printerr ("%s is not installed (Debian packages poppler-utils, zbar-tools)\n",
                      tools[i]);
          return 77;
        }
    }

  g_test_add_func ("/output/layouts", test_layouts);
  g_test_add_func ("/output/images", test_images);
#ifdef KT_HAVE_RSVG
  g_test_add_func ("/output/svg-logo", test_svg_logo);
#endif
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/output/scan/%s/%s",
                                               kt_sheet_layout_to_string (cases[i].layout),
                                               kt_symbology_to_string (cases[i].symbology));

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_batch_scans, fixture_teardown);
    }
  g_test_add ("/output/scan/duplex", Fixture, NULL, fixture_setup, test_duplex, fixture_teardown);
  g_test_add ("/output/scan/fallback-code128", Fixture, NULL, fixture_setup,
              test_fallback_code128, fixture_teardown);
  g_test_add ("/output/crop-marks", Fixture, NULL, fixture_setup, test_crop_marks,
              fixture_teardown);
  g_test_add ("/output/too-small", Fixture, NULL, fixture_setup, test_too_small,
              fixture_teardown);
  g_test_add ("/output/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);

  return g_test_run ();
}
