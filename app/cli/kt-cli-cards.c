/* kt-cli-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli cards: print cards to a PDF (a new batch of blank cards,
 * a re-print of a batch, the cards of the members a search finds, one
 * card) and list the batches.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <unistd.h>

#include "cli/kt-cli.h"
#include "output/kt-card-sheet.h"
#include "store/kt-store-print.h"

/* The most cards one job prints: 10,000 A4 sheets, already more than a
 * shop's printer takes in a day. Larger runs are split by the user. */
#define MAX_CARDS 100000

/* Jobs of at least this many pages show their progress on a terminal. */
#define PROGRESS_MIN_PAGES 20


/* ---- cards pdf: the job as the options give it ------------------------------ */

typedef enum
{
  SOURCE_NEW_BATCH,
  SOURCE_BATCH,
  SOURCE_MEMBERS,
  SOURCE_CARD,
} Source;

typedef struct
{
  const char     *path;          /* OUT.pdf as given */
  KtSheetOptions  sheet;
  char           *design_name;   /* NULL: the first design */
  Source          source;
  guint           new_count;     /* --new-batch N */
  gint64          batch_id;      /* --batch ID */
  char           *query;         /* --members QUERY */
  char           *number;        /* --card NUMBER */
} PdfJob;

static void
pdf_job_clear (PdfJob *job)
{
  g_clear_pointer (&job->design_name, g_free);
  g_clear_pointer (&job->query, g_free);
  g_clear_pointer (&job->number, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdfJob, pdf_job_clear)

typedef struct
{
  char     *layout;
  char     *design;
  char     *batch;
  char     *new_batch;
  char     *members;
  char     *card;
  gboolean  duplex;
  char     *bleed;
  char     *offset_x;
  char     *offset_y;
  char     *scale;
} PdfArgs;

static void
pdf_args_clear (PdfArgs *args)
{
  g_free (args->layout);
  g_free (args->design);
  g_free (args->batch);
  g_free (args->new_batch);
  g_free (args->members);
  g_free (args->card);
  g_free (args->bleed);
  g_free (args->offset_x);
  g_free (args->offset_y);
  g_free (args->scale);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdfArgs, pdf_args_clear)

/* A decimal number typed by the user, with a point or a comma. */
static gboolean
parse_number (const char  *text,
              const char  *what,
              double       min,
              double       max,
              double      *out_value,
              GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == NULL || *end != '\0' || !isfinite (value) ||
      value < min || value > max)
    {
      /* TRANSLATORS: "--bleed: “9” is not a number from 0 to 5" */
      kt_cli_set_usage_error (error, _("%s: “%s” is not a number from %g to %g"),
                              what, text, min, max);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

static gboolean
parse_sheet (const PdfArgs   *args,
             KtSheetOptions  *sheet,
             GError         **error)
{
  KtSheetLayout layout;

  if (args->layout == NULL)
    {
      kt_cli_set_usage_error (error, _("say how to lay the cards out with --layout cr80, "
                                       "a4-10 or letter-10"));
      return FALSE;
    }
  if (!kt_sheet_layout_from_string (args->layout, &layout))
    {
      kt_cli_set_usage_error (error, _("--layout: “%s” is not one of cr80, a4-10, letter-10"),
                              args->layout);
      return FALSE;
    }

  /* Within the limits the sheet writer accepts, checked here so that a
   * bad value is refused before a new batch is made. */
  kt_sheet_options_init (sheet, layout);
  sheet->duplex = args->duplex;
  return (args->bleed == NULL ||
          parse_number (args->bleed, "--bleed", 0.0, KT_SHEET_BLEED_MAX_MM, &sheet->bleed_mm,
                        error)) &&
         (args->offset_x == NULL ||
          parse_number (args->offset_x, "--offset-x", -KT_SHEET_OFFSET_MAX_MM,
                        KT_SHEET_OFFSET_MAX_MM,
                        &sheet->offset_x_mm, error)) &&
         (args->offset_y == NULL ||
          parse_number (args->offset_y, "--offset-y", -KT_SHEET_OFFSET_MAX_MM,
                        KT_SHEET_OFFSET_MAX_MM,
                        &sheet->offset_y_mm, error)) &&
         (args->scale == NULL ||
          parse_number (args->scale, "--scale", KT_SHEET_SCALE_MIN, KT_SHEET_SCALE_MAX,
                        &sheet->scale, error));
}

/* Exactly one of --new-batch, --batch, --members, --card. */
static gboolean
parse_source (const PdfArgs  *args,
              PdfJob         *job,
              GError        **error)
{
  guint n_sources = (args->new_batch != NULL) + (args->batch != NULL) +
                    (args->members != NULL) + (args->card != NULL);
  guint64 count;

  if (n_sources != 1)
    {
      kt_cli_set_usage_error (error,
                              n_sources == 0
                              ? _("say which cards to print with one of --new-batch, --batch, "
                                  "--members or --card")
                              : _("give only one of --new-batch, --batch, --members and "
                                  "--card"));
      return FALSE;
    }

  if (args->new_batch != NULL)
    {
      if (!kt_cli_parse_count (args->new_batch, "--new-batch", 1, MAX_CARDS, &count, error))
        return FALSE;
      job->source = SOURCE_NEW_BATCH;
      job->new_count = (guint) count;
    }
  else if (args->batch != NULL)
    {
      if (!g_ascii_string_to_signed (args->batch, 10, 1, G_MAXINT64, &job->batch_id, NULL))
        {
          kt_cli_set_usage_error (error, _("--batch: “%s” is not a batch number"), args->batch);
          return FALSE;
        }
      job->source = SOURCE_BATCH;
    }
  else if (args->members != NULL)
    {
      job->query = kt_cli_text_arg (args->members, error);
      if (job->query == NULL)
        return FALSE;
      job->source = SOURCE_MEMBERS;
    }
  else
    {
      job->number = g_strstrip (g_strdup (args->card));
      job->source = SOURCE_CARD;
    }
  return TRUE;
}

/* The PDF goes to a temporary file beside OUT.pdf and is renamed over
 * it: the folder must be there and writable before a batch is made. */
static gboolean
check_output_path (const char  *path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *folder_display = g_filename_display_name (folder);

  if (*path == '\0')
    {
      kt_cli_set_usage_error (error, _("give the name of the PDF to write"));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("“%s” is a folder; give the name of the PDF to write in it"), display);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no folder “%s” to write the PDF in"), folder_display);
      return FALSE;
    }
  if (g_access (folder, W_OK) != 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The folder “%s” cannot be written to"), folder_display);
      return FALSE;
    }
  return TRUE;
}

/* ---- cards pdf: what goes on the cards ------------------------------------- */

/* Only a blank card or a member's active card is worth printing: a
 * blocked, lost or replaced one would be refused at the till. */
static KtCardFace *
card_face (KtStore     *store,
           const char  *number,
           GError     **error)
{
  g_autoptr(KtCard) card = kt_store_card_lookup (store, number, error);

  if (card == NULL)
    return NULL;
  if (card->state != KT_CARD_BLANK && card->state != KT_CARD_ACTIVE)
    {
      /* TRANSLATORS: "Card 4200000000017 is not printed: its state is Blocked, and the till would refuse it" */
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is not printed: its state is %s, and the till would refuse it"),
                   card->number, kt_card_state_label (card->state));
      return NULL;
    }
  return kt_store_card_face (store, card->number, error);
}

static GPtrArray *
members_faces (KtStore     *store,
               const char  *text,
               GError     **error)
{
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };
  g_autoptr(GPtrArray) faces = NULL;

  /* One more than allowed, to tell "exactly the most" from "too many". */
  faces = kt_store_card_faces_of_members (store, &query, MAX_CARDS + 1, error);
  if (faces == NULL)
    return NULL;
  if (faces->len > MAX_CARDS)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The search finds more than %u members with a card; print at most %u "
                     "cards at a time, with a narrower search"),
                   (guint) MAX_CARDS, (guint) MAX_CARDS);
      return NULL;
    }
  if (faces->len == 0)
    {
      if (*text == '\0')
        g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                     _("No member has an active card; nothing to print"));
      else
        g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                     _("No member found by “%s” has an active card; nothing to print"), text);
      return NULL;
    }
  return g_steal_pointer (&faces);
}

/* The cards to print; a new batch is made here, once everything else has
 * been checked (`out_batch_id` gets the batch printed, or 0). */
static GPtrArray *
gather_faces (KtStore       *store,
              const PdfJob  *job,
              gint64        *out_batch_id,
              GError       **error)
{
  g_autoptr(KtCardBatch) batch = NULL;
  GPtrArray *faces;
  KtCardFace *face;

  *out_batch_id = 0;
  switch (job->source)
    {
    case SOURCE_NEW_BATCH:
      *out_batch_id = kt_store_card_batch_create (store, job->new_count, "", error);
      if (*out_batch_id <= 0)
        return NULL;
      return kt_store_card_faces_of_batch (store, *out_batch_id, error);

    case SOURCE_BATCH:
      /* Asked first, so that an unknown batch is named as such. */
      batch = kt_store_card_batch_get (store, job->batch_id, error);
      if (batch == NULL)
        return NULL;
      *out_batch_id = batch->id;
      return kt_store_card_faces_of_batch (store, batch->id, error);

    case SOURCE_MEMBERS:
      return members_faces (store, job->query, error);

    case SOURCE_CARD:
    default:
      face = card_face (store, job->number, error);
      if (face == NULL)
        return NULL;
      faces = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);
      g_ptr_array_add (faces, face);
      return faces;
    }
}

/* ---- cards pdf: writing ---------------------------------------------------------- */

/* Ctrl+C while a large job is written: the signal only raises the flag,
 * the next page's progress call cancels, and the writer removes its
 * temporary file. Nothing is recorded. */
static volatile sig_atomic_t interrupted;

static void
interrupt_handler (int signum)
{
  interrupted = 1;
}

typedef struct
{
  gboolean      show;
  gboolean      shown;
  GCancellable *cancellable;
} Progress;

static void
progress_cb (guint    done_pages,
             guint    total_pages,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (interrupted)
    g_cancellable_cancel (progress->cancellable);
  if (!progress->show)
    return;
  /* \r and "erase to end of line": one line that updates in place. */
  g_printerr ("\r\033[K");
  /* TRANSLATORS: progress while cards are written, "Page 12 of 1000" */
  g_printerr (_("Page %u of %u"), done_pages, total_pages);
  progress->shown = TRUE;
}

static gboolean
write_pdf (const PdfJob        *job,
           const KtCardDesign  *design,
           const char          *shop_name,
           GPtrArray           *faces,
           guint                n_pages,
           GError             **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { FALSE, FALSE, cancellable };
  struct sigaction action = { 0 };
  struct sigaction old_int, old_term;
  gboolean ok;

  progress.show = n_pages >= PROGRESS_MIN_PAGES && isatty (STDERR_FILENO);
  interrupted = 0;
  action.sa_handler = interrupt_handler;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);

  ok = kt_sheet_write_pdf (job->path, &job->sheet, design, shop_name,
                           (KtCardFace *const *) faces->pdata, faces->len,
                           progress_cb, &progress, cancellable, error);

  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  if (progress.shown)
    g_printerr ("\r\033[K");
  return ok;
}

static void
print_pdf_summary (KtCli               *cli,
                   const PdfJob        *job,
                   const KtCardDesign  *design,
                   gint64               batch_id,
                   guint                n_cards,
                   guint                n_pages)
{
  g_autofree char *display = g_filename_display_name (job->path);
  g_autofree char *cards = NULL;
  g_autofree char *pages = NULL;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_int (json, "cards", n_cards);
      kt_json_add_int (json, "pages", n_pages);
      kt_json_add_string (json, "path", display);
      kt_json_add_id (json, "batch_id", batch_id);
      kt_json_add_string (json, "layout", kt_sheet_layout_to_string (job->sheet.layout));
      kt_json_add_string (json, "design", design->name);
      kt_json_add_boolean (json, "duplex", job->sheet.duplex);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  cards = g_strdup_printf (ngettext ("%u card", "%u cards", n_cards), n_cards);
  pages = g_strdup_printf (ngettext ("%u page", "%u pages", n_pages), n_pages);
  /* TRANSLATORS: "Wrote 100 cards on 10 pages to cards.pdf" */
  g_print (_("Wrote %s on %s to %s\n"), cards, pages, display);
  if (batch_id > 0)
    /* TRANSLATORS: "Batch 3, design “Standard”, A4 sheets of 10 cards" */
    g_print (_("Batch %lld, design “%s”, %s\n"), (long long) batch_id, design->name,
             kt_sheet_layout_label (job->sheet.layout));
  else
    /* TRANSLATORS: "Design “Standard”, A4 sheets of 10 cards" */
    g_print (_("Design “%s”, %s\n"), design->name, kt_sheet_layout_label (job->sheet.layout));
}

/* Prints the job: every check comes before the first write (a new batch),
 * and the print is recorded only once the PDF is complete. */
static gboolean
run_pdf_job (KtCli         *cli,
             const PdfJob  *job,
             GError       **error)
{
  g_autoptr(KtCardDesign) design = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *shop_name = NULL;
  gint64 batch_id = 0;
  guint n_pages = 0;
  KtStore *store;

  if (!check_output_path (job->path, error))
    return FALSE;
  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  design = kt_store_card_design_find (store, job->design_name, error);
  if (design == NULL)
    return FALSE;
  if (job->sheet.duplex && !design->has_back)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The design “%s” has no back; print it without --duplex"), design->name);
      return FALSE;
    }
  shop_name = kt_store_get_setting (store, KT_SETTING_SHOP_NAME);

  faces = gather_faces (store, job, &batch_id, error);
  if (faces != NULL)
    n_pages = kt_sheet_n_pages (&job->sheet, design, faces->len);
  if (faces == NULL ||
      !write_pdf (job, design, shop_name != NULL ? shop_name : "", faces, n_pages, error))
    {
      if (job->source == SOURCE_NEW_BATCH && batch_id > 0)
        /* TRANSLATORS: the batch was made but its PDF not; then why, e.g.
         * "Batch 7 was made but not printed (print it with --batch 7): …" */
        g_prefix_error (error, _("Batch %lld was made but not printed (print it with "
                                 "--batch %lld): "),
                        (long long) batch_id, (long long) batch_id);
      return FALSE;
    }

  if (!kt_store_card_print_record (store, batch_id, design,
                                   kt_sheet_layout_to_string (job->sheet.layout),
                                   faces->len, error))
    {
      g_autofree char *display = g_filename_display_name (job->path);

      /* TRANSLATORS: "cards.pdf was written, but the print was not recorded: …" */
      g_prefix_error (error, _("%s was written, but the print was not recorded: "), display);
      return FALSE;
    }

  print_pdf_summary (cli, job, design, batch_id, faces->len, n_pages);
  return TRUE;
}

static gboolean
cards_pdf (KtCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_auto(PdfArgs) args = { NULL };
  g_auto(PdfJob) job = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "layout", 0, 0, G_OPTION_ARG_STRING, &args.layout,
      N_("cr80: one card a page, for card printers; a4-10 or letter-10: ten cards a sheet "
         "with crop marks"), N_("LAYOUT") },
    { "design", 0, 0, G_OPTION_ARG_STRING, &args.design,
      N_("The card design (default: the first by name)"), N_("NAME") },
    { "new-batch", 0, 0, G_OPTION_ARG_STRING, &args.new_batch,
      N_("Make N new blank cards and print them"), N_("N") },
    { "batch", 0, 0, G_OPTION_ARG_STRING, &args.batch,
      N_("Print an existing batch again"), N_("ID") },
    { "members", 0, 0, G_OPTION_ARG_STRING, &args.members,
      N_("Print the active cards of the members a search finds (\"\": everyone)"),
      N_("QUERY") },
    { "card", 0, 0, G_OPTION_ARG_STRING, &args.card,
      N_("Print one card"), N_("NUMBER") },
    { "duplex", 0, 0, G_OPTION_ARG_NONE, &args.duplex,
      N_("Follow each page of fronts with its backs, for two-sided printing"), NULL },
    { "bleed", 0, 0, G_OPTION_ARG_STRING, &args.bleed,
      N_("Extend the background beyond the cut (default 0)"), N_("MM") },
    { "offset-x", 0, 0, G_OPTION_ARG_STRING, &args.offset_x,
      N_("Printer calibration: move the page right (negative: left)"), N_("MM") },
    { "offset-y", 0, 0, G_OPTION_ARG_STRING, &args.offset_y,
      N_("Printer calibration: move the page down (negative: up)"), N_("MM") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &args.scale,
      N_("Printer calibration: scale the page about its centre (default 1)"), N_("S") },
    { NULL }
  };

  context = kt_cli_option_context_new (cli, "cards pdf", _("OUT.pdf"),
                                       _("Writes cards to a PDF to print: a new batch of "
                                         "blank cards, a batch again, the cards of the "
                                         "members a search finds, or one card. Exactly one "
                                         "of --new-batch, --batch, --members and --card."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !parse_sheet (&args, &job.sheet, error) ||
      !parse_source (&args, &job, error))
    return FALSE;
  if (args.design != NULL && (job.design_name = kt_cli_text_arg (args.design, error)) == NULL)
    return FALSE;
  job.path = argv[1];

  return run_pdf_job (cli, &job, error);
}

/* ---- cards batches ----------------------------------------------------------------- */

static void
print_batches_json (GPtrArray *batches)
{
  g_autoptr(KtJson) json = kt_json_new ();

  kt_json_begin_array (json);
  for (guint i = 0; i < batches->len; i++)
    {
      const KtCardBatch *batch = batches->pdata[i];

      kt_json_begin_object (json);
      kt_json_add_id (json, "id", batch->id);
      kt_json_add_string (json, "created", batch->created);
      kt_json_add_int (json, "count", batch->count);
      kt_json_add_int (json, "assigned", batch->assigned);
      kt_json_add_string (json, "note", batch->note != NULL ? batch->note : "");
      kt_json_add_string (json, "first_number", batch->first_number);
      kt_json_add_string (json, "last_number", batch->last_number);
      kt_json_add_string (json, "design", batch->design_name);
      kt_json_add_string (json, "printed", batch->printed);
      kt_json_end_object (json);
    }
  kt_json_end_array (json);
  kt_json_flush (json);
}

static void
print_batches_text (GPtrArray *batches)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (8);

  if (batches->len == 0)
    {
      g_print ("%s\n", _("No batches yet; make one with “kartoteka-cli cards pdf OUT.pdf "
                         "--layout a4-10 --new-batch N”."));
      return;
    }

  kt_cli_table_align_right (table, 0);
  kt_cli_table_align_right (table, 2);
  kt_cli_table_align_right (table, 3);
  kt_cli_table_add_row (table, _("ID"), _("Made"), _("Cards"), _("Handed out"),
                        _("Numbers"), _("Design"), _("Printed"), _("Note"), NULL);
  for (guint i = 0; i < batches->len; i++)
    {
      const KtCardBatch *batch = batches->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch->id);
      g_autofree char *count = g_strdup_printf ("%u", batch->count);
      g_autofree char *assigned = g_strdup_printf ("%u", batch->assigned);
      g_autofree char *numbers = g_strdup_printf ("%s – %s", kt_cli_or_dash (batch->first_number),
                                                  kt_cli_or_dash (batch->last_number));

      kt_cli_table_add_row (table, id, batch->created, count, assigned, numbers,
                            kt_cli_or_dash (batch->design_name),
                            batch->printed != NULL ? batch->printed : _("never"),
                            kt_cli_or_dash (batch->note), NULL);
    }
  kt_cli_table_print (table, NULL);
}

static gboolean
cards_batches (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "cards batches", NULL,
                                       _("Lists the batches of cards, newest first: how many "
                                         "cards, how many are handed out, and when and with "
                                         "which design each was last printed."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  batches = kt_store_card_batches (store, error);
  if (batches == NULL)
    return FALSE;

  if (cli->json)
    print_batches_json (batches);
  else
    print_batches_text (batches);
  return TRUE;
}

/* ---- dispatch ---------------------------------------------------------------------- */

static const KtCliCommand cards_actions[] = {
  { "pdf", cards_pdf, N_("Write cards to a PDF to print") },
  { "batches", cards_batches, N_("List the batches of cards") },
};

gboolean
kt_cli_cards (KtCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  return kt_cli_dispatch (cli, "cards", cards_actions, G_N_ELEMENTS (cards_actions),
                          argc, argv, error);
}
