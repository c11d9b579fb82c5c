/* test-cli-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli cards, as a shop prints its cards: a new batch of blank
 * cards, one member's card, a batch again, the cards of a search. Every
 * PDF is measured with pdfinfo, rasterised at 300 dpi with pdftoppm and
 * every barcode read back with zbarimg, as a scanner at the till would;
 * the numbers read must be exactly the cards the register holds. Refused
 * jobs must leave no file and no new batch behind.
 */

#define G_LOG_DOMAIN "test-cli-cards"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kt-test-cli.h"
#include "store/kt-store-print.h"

/* ---- the tools a person checks a PDF with ---------------------------------- */

static gboolean
have_tools (void)
{
  const char *tools[] = { "pdfinfo", "pdftoppm", "zbarimg" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not installed", tools[i]);

          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs a tool; returns its standard output. */
static char *
run_tool (const char * const *argv,
          int                 expected_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  if (WEXITSTATUS (wait_status) != expected_status)
    g_error ("%s exited with %d: %s", argv[0], WEXITSTATUS (wait_status), err);
  return out;
}

typedef struct
{
  guint  pages;
  double width_pt;
  double height_pt;
} PdfInfo;

static PdfInfo
pdf_info (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run_tool (argv, 0);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  PdfInfo info = { 0, 0.0, 0.0 };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        info.pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page size:"))
        g_assert_cmpint (sscanf (lines[i], "Page size: %lf x %lf", &info.width_pt,
                                 &info.height_pt), ==, 2);
    }
  return info;
}

static void
assert_pdf (const char *path,
            guint       pages,
            double      width_pt,
            double      height_pt)
{
  PdfInfo info = pdf_info (path);

  g_assert_cmpuint (info.pages, ==, pages);
  g_assert_cmpfloat_with_epsilon (info.width_pt, width_pt, 0.5);
  g_assert_cmpfloat_with_epsilon (info.height_pt, height_pt, 0.5);
}

/* Every barcode on every page, read at 300 dpi (element: "EAN-13:…"). The
 * page images are removed again. */
static GPtrArray *
decode_pdf (Fixture    *f,
            const char *path)
{
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  const char *rasterise[] = { "pdftoppm", "-r", "300", "-png", path, prefix, NULL };
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *ignored = run_tool (rasterise, 0);
  const char *name;

  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *image = NULL;
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_prefix (name, "page-") || !g_str_has_suffix (name, ".png"))
        continue;
      image = g_build_filename (f->dir, name, NULL);
      {
        const char *scan[] = { "zbarimg", "-q", image, NULL };

        out = run_tool (scan, 0);
      }
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          g_ptr_array_add (codes, g_strdup (lines[i]));
      g_remove (image);
    }
  return g_steal_pointer (&codes);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The codes read must be exactly `numbers`, each once, as EAN-13. */
static void
assert_codes (GPtrArray  *codes,
              GPtrArray  *numbers)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < numbers->len; i++)
    g_ptr_array_add (expected, g_strconcat ("EAN-13:", (const char *) numbers->pdata[i], NULL));
  g_ptr_array_sort (codes, compare_strings);
  g_ptr_array_sort (expected, compare_strings);

  g_assert_cmpuint (codes->len, ==, expected->len);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (codes->pdata[i], ==, expected->pdata[i]);
}

/* ---- the register, read as the program left it -------------------------------- */

/* The numbers of a batch's cards, from the register itself. */
static GPtrArray *
batch_numbers (Fixture *f,
               gint64   batch_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  KtStore *store = kt_store_open (f->db, &error);

  g_assert_no_error (error);
  faces = kt_store_card_faces_of_batch (store, batch_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faces->len; i++)
    {
      const KtCardFace *face = faces->pdata[i];

      g_assert_null (face->member_name);
      g_ptr_array_add (numbers, g_strdup (face->number));
    }
  kt_store_close (store);
  return numbers;
}

/* `cards batches --json`. */
static GVariant *
batches_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "cards", "batches", "--json", NULL);
  assert_ok (&run);
  return parse_json (run.out);
}

static GVariant *
find_batch (GVariant *batches,
            gint64    batch_id)
{
  for (gsize i = 0; i < g_variant_n_children (batches); i++)
    {
      g_autoptr(GVariant) batch = json_element (batches, i);

      if (json_int (batch, "id") == batch_id)
        return g_steal_pointer (&batch);
    }
  g_error ("batch %" G_GINT64_FORMAT " is not listed", batch_id);
}

/* What is in the test's folder besides the register (sorted). */
static char *
other_files (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "shop.db"))
      g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Removes what a test wrote besides the register, so that its folder can go. */
static void
remove_outputs (Fixture *f)
{
  g_autofree char *files = other_files (f);
  g_auto(GStrv) names = g_strsplit (files, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      {
        g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

        g_remove (path);
      }
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* `cards pdf … --json`: the summary. */
static GVariant *
cards_pdf_json (Fixture    *f,
                const char *first_arg,
                ...)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_assert_cmpuint (argv->len, <=, 8);
  while (argv->len < 8)
    g_ptr_array_add (argv, NULL);

  cli_run (f, &run, "--json", "cards", "pdf", argv->pdata[0], argv->pdata[1], argv->pdata[2],
           argv->pdata[3], argv->pdata[4], argv->pdata[5], argv->pdata[6], argv->pdata[7],
           NULL);
  assert_ok (&run);
  return parse_json (run.out);
}

/* ---- tests ------------------------------------------------------------------------- */

/* 20 new blank cards on A4: two sheets, every code the batch's own. */
static void
test_new_batch_a4 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = out_path (f, "blank.pdf");
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GVariant) batches = NULL;
  g_autoptr(GVariant) batch = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  gint64 batch_id;

  if (!have_tools ())
    return;
  init_register (f);

  summary = cards_pdf_json (f, pdf, "--layout", "a4-10", "--new-batch", "20", NULL);
  g_assert_cmpint (json_int (summary, "cards"), ==, 20);
  g_assert_cmpint (json_int (summary, "pages"), ==, 2);
  g_assert_cmpstr (json_string (summary, "path"), ==, pdf);
  g_assert_cmpstr (json_string (summary, "layout"), ==, "a4-10");
  g_assert_cmpstr (json_string (summary, "design"), ==, "Standard");
  batch_id = json_int (summary, "batch_id");
  g_assert_cmpint (batch_id, >, 0);

  assert_pdf (pdf, 2, 595.3, 841.9);
  numbers = batch_numbers (f, batch_id);
  g_assert_cmpuint (numbers->len, ==, 20);
  codes = decode_pdf (f, pdf);
  assert_codes (codes, numbers);

  /* The batch remembers the print. */
  batches = batches_json (f);
  g_assert_cmpuint (g_variant_n_children (batches), ==, 1);
  batch = find_batch (batches, batch_id);
  g_assert_cmpint (json_int (batch, "count"), ==, 20);
  g_assert_cmpint (json_int (batch, "assigned"), ==, 0);
  g_assert_cmpstr (json_string (batch, "design"), ==, "Standard");
  g_assert_false (json_is_null (batch, "printed"));
  g_assert_cmpstr (json_string (batch, "first_number"), ==, numbers->pdata[0]);
  g_assert_cmpstr (json_string (batch, "last_number"), ==, numbers->pdata[19]);

  remove_outputs (f);
}

/* One member's card on a card printer's page. */
static void
test_one_card_cr80 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = out_path (f, "olena.pdf");
  g_autofree char *expected = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GVariant) batches = NULL;
  g_auto(Run) run = { 0 };
  gint64 id;

  if (!have_tools ())
    return;
  init_register (f);
  id = add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
  number = issue_card (f, id);
  add_member (f, "Taras Melnyk", "+380 67 765 4321", "taras@example.com");

  cli_run (f, &run, "cards", "pdf", pdf, "--layout", "cr80", "--card", number, NULL);
  assert_ok (&run);
  expected = g_strdup_printf ("Wrote 1 card on 1 page to %s\n", pdf);
  g_assert_true (g_str_has_prefix (run.out, expected));

  assert_pdf (pdf, 1, 242.6, 153.0);
  codes = decode_pdf (f, pdf);
  g_ptr_array_add (numbers, number);
  assert_codes (codes, numbers);

  /* A member's card is no batch. */
  batches = batches_json (f);
  g_assert_cmpuint (g_variant_n_children (batches), ==, 0);

  remove_outputs (f);
}

/* A batch printed again, on other sheets: the same cards, no new batch. */
static void
test_reprint_batch (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = out_path (f, "first.pdf");
  g_autofree char *again = out_path (f, "again.pdf");
  g_autofree char *batch_arg = NULL;
  g_autoptr(GVariant) made = NULL;
  g_autoptr(GVariant) reprinted = NULL;
  g_autoptr(GVariant) batches = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  gint64 batch_id;

  if (!have_tools ())
    return;
  init_register (f);

  made = cards_pdf_json (f, first, "--layout", "letter-10", "--new-batch", "10", NULL);
  batch_id = json_int (made, "batch_id");
  assert_pdf (first, 1, 612.0, 792.0);

  batch_arg = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);
  reprinted = cards_pdf_json (f, again, "--layout", "a4-10", "--batch", batch_arg, NULL);
  g_assert_cmpint (json_int (reprinted, "batch_id"), ==, batch_id);
  g_assert_cmpint (json_int (reprinted, "cards"), ==, 10);
  g_assert_cmpint (json_int (reprinted, "pages"), ==, 1);
  assert_pdf (again, 1, 595.3, 841.9);

  numbers = batch_numbers (f, batch_id);
  codes = decode_pdf (f, again);
  assert_codes (codes, numbers);

  batches = batches_json (f);
  g_assert_cmpuint (g_variant_n_children (batches), ==, 1);

  remove_outputs (f);
}

/* The active cards of the members a search finds; members without a card
 * are left out. */
static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *everyone_pdf = out_path (f, "everyone.pdf");
  g_autofree char *olena_pdf = out_path (f, "olena.pdf");
  g_autoptr(GVariant) everyone = NULL;
  g_autoptr(GVariant) olena = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = NULL;
  g_auto(Run) run = { 0 };
  gint64 id;

  if (!have_tools ())
    return;
  init_register (f);
  id = add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
  g_ptr_array_add (numbers, issue_card (f, id));
  id = add_member (f, "Taras Melnyk", "+380 67 765 4321", "taras@example.com");
  g_ptr_array_add (numbers, issue_card (f, id));
  add_member (f, "Iryna Shevchuk", "+380 50 111 2233", "iryna@example.com");

  everyone = cards_pdf_json (f, everyone_pdf, "--layout", "a4-10", "--members", "", NULL);
  g_assert_cmpint (json_int (everyone, "cards"), ==, 2);
  g_assert_true (json_is_null (everyone, "batch_id"));
  codes = decode_pdf (f, everyone_pdf);
  assert_codes (codes, numbers);

  olena = cards_pdf_json (f, olena_pdf, "--layout", "cr80", "--members", "kovalenko", NULL);
  g_assert_cmpint (json_int (olena, "cards"), ==, 1);

  /* Iryna has no card: nothing to print. */
  cli_run (f, &run, "cards", "pdf", olena_pdf, "--layout", "cr80", "--members", "Iryna", NULL);
  assert_refused (&run, 1);

  remove_outputs (f);
}

/* Every refusal: the status a script sees, no PDF, no batch made. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autofree char *number = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GVariant) batches = NULL;
  g_auto(Run) run = { 0 };
  const struct
  {
    int         status;
    const char *args[6];
  } cases[] = {
    { 2, { "--layout", "a4-10" } },                                       /* no source */
    { 2, { "--new-batch", "5" } },                                        /* no layout */
    { 2, { "--layout", "a5-8", "--new-batch", "5" } },
    { 2, { "--layout", "a4-10", "--new-batch", "5", "--batch", "1" } },   /* two sources */
    { 2, { "--layout", "a4-10", "--new-batch", "0" } },
    { 2, { "--layout", "a4-10", "--new-batch", "-3" } },
    { 2, { "--layout", "a4-10", "--new-batch", "100001" } },
    { 2, { "--layout", "a4-10", "--new-batch", "ten" } },
    { 2, { "--layout", "a4-10", "--batch", "first" } },
    { 2, { "--layout", "a4-10", "--new-batch", "5", "--bleed", "9" } },
    { 2, { "--layout", "a4-10", "--new-batch", "5", "--scale", "x" } },
    { 1, { "--layout", "a4-10", "--new-batch", "5", "--design", "Nope" } },
    { 1, { "--layout", "a4-10", "--batch", "999" } },
    { 1, { "--layout", "cr80", "--card", "123" } },
  };
  gint64 id;

  init_register (f);
  id = add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
  number = issue_card (f, id);
  cli_run (f, &run, "card", "block", number, NULL);
  assert_ok (&run);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;

      g_test_message ("case %u: %s %s %s %s %s %s", i, a[0], a[1],
                      a[2] != NULL ? a[2] : "", a[3] != NULL ? a[3] : "",
                      a[4] != NULL ? a[4] : "", a[5] != NULL ? a[5] : "");
      cli_run (f, &run, "cards", "pdf", pdf, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      assert_refused (&run, cases[i].status);
    }

  /* A blocked card would be refused at the till: it is not printed. */
  cli_run (f, &run, "cards", "pdf", pdf, "--layout", "cr80", "--card", number, NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, number));

  /* A folder that is not there: refused before the batch is made. */
  cli_run (f, &run, "cards", "pdf", "/nonexistent-folder/cards.pdf", "--layout", "a4-10",
           "--new-batch", "5", NULL);
  assert_refused (&run, 1);

  /* No PDF argument, or two. */
  cli_run (f, &run, "cards", "pdf", "--layout", "a4-10", "--new-batch", "5", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "cards", "pdf", pdf, pdf, "--layout", "a4-10", "--new-batch", "5", NULL);
  assert_refused (&run, 2);

  files = other_files (f);
  g_assert_cmpstr (files, ==, "");
  batches = batches_json (f);
  g_assert_cmpuint (g_variant_n_children (batches), ==, 0);
}

/* `cards batches` as text, and --help of the group. */
static void
test_batches_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autoptr(GVariant) made = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) run = { 0 };

  init_register (f);
  cli_run (f, &run, "cards", "batches", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "No batches yet"));

  made = cards_pdf_json (f, pdf, "--layout", "cr80", "--new-batch", "3", NULL);
  g_assert_cmpint (json_int (made, "pages"), ==, 3);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (made, "batch_id"));

  cli_run (f, &run, "cards", "batches", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Standard"));
  g_assert_nonnull (strstr (run.out, id));

  cli_run (f, &run, "cards", "--help", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "pdf"));
  g_assert_nonnull (strstr (run.out, "batches"));

  remove_outputs (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The default register must never be a real one. */
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), TRUE);

  add_cli_test ("/cli-cards/new-batch-a4", test_new_batch_a4);
  add_cli_test ("/cli-cards/one-card-cr80", test_one_card_cr80);
  add_cli_test ("/cli-cards/reprint-batch", test_reprint_batch);
  add_cli_test ("/cli-cards/members", test_members);
  add_cli_test ("/cli-cards/refused", test_refused);
  add_cli_test ("/cli-cards/batches-text", test_batches_text);

  return g_test_run ();
}
