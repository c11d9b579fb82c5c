/* kt-print-dialog-output.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the print dialog's pages go: a PDF file, written in a thread with
 * a progress bar and a Cancel button (a batch of thousands of cards takes
 * a while), or a printer through GtkPrintOperation, whose dialog also
 * offers its print preview. Both draw every page with kt_sheet_draw_page(),
 * as the dialog's own preview does. A finished job is recorded in the
 * register, which is how a batch knows when and with which design it was
 * last printed.
 */

#define G_LOG_DOMAIN "kt-print-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-print.h"
#include "kt-file-chooser.h"
#include "kt-format.h"
#include "kt-print-dialog-private.h"

#define PROGRESS_INTERVAL_MS 100

enum {
  PRINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the job ------------------------------------------------------------- */

void
_kt_print_job_free (KtPrintJob *job)
{
  if (job == NULL)
    return;

  kt_card_design_free (job->design);
  g_free (job->shop_name);
  g_ptr_array_unref (job->faces);
  g_free (job->path);
  g_free (job->file_name);
  g_clear_error (&job->error);
  g_free (job);
}

/**
 * _kt_print_dialog_finished:
 * @self: a #KtPrintDialog
 * @job: the job that went to the printer or the file
 * @message: what happened, for the main window's toast
 *
 * Records the print in the register, tells the window and closes.
 */
void
_kt_print_dialog_finished (KtPrintDialog *self,
                           KtPrintJob    *job,
                           const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!kt_store_card_print_record (self->store, job->batch_id, job->design,
                                   kt_sheet_layout_to_string (job->options.layout),
                                   job->faces->len, &error))
    {
      /* The cards are printed; only the register's note of it failed. */
      text = g_strdup_printf (_("%s, but the print was not recorded: %s"), message,
                              error->message);
      message = text;
    }

  g_signal_emit (self, signals[PRINTED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- the PDF ------------------------------------------------------------- */

static void
pdf_progress_cb (guint    done_pages,
                 guint    total_pages,
                 gpointer user_data)
{
  KtPrintJob *job = user_data;

  g_atomic_int_set (&job->done_pages, (int) done_pages);
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  KtPrintJob *job = task_data;
  GError *error = NULL;

  if (kt_sheet_write_pdf (job->path, &job->options, job->design, job->shop_name,
                          (KtCardFace *const *) job->faces->pdata, job->faces->len,
                          pdf_progress_cb, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  KtPrintDialog *self = user_data;
  g_autofree char *text = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  guint done;

  if (self->job == NULL || self->job->total_pages == 0)
    return G_SOURCE_CONTINUE;

  done = (guint) g_atomic_int_get (&self->job->done_pages);
  done_text = kt_format_count (done);
  total_text = kt_format_count (self->job->total_pages);
  text = g_strdup_printf (_("Page %s of %s written to “%s”"), done_text, total_text,
                          self->job->file_name);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / self->job->total_pages);
  return G_SOURCE_CONTINUE;
}

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (source);
  KtPrintJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->job = NULL;
  g_clear_object (&self->cancellable);
  _kt_print_dialog_set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->close_when_done)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _kt_print_dialog_show_error (self, _("Stopped: no PDF was saved."));
      else
        _kt_print_dialog_show_error (self, error->message);
      return;
    }

  count = kt_format_count (job->faces->len);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s card saved to “%s”", "%s cards saved to “%s”",
                                          job->faces->len),
                             count, job->file_name);
  _kt_print_dialog_finished (self, job, message);
}

static void
pdf_chosen_cb (gpointer  owner,
               GFile    *file,
               gpointer  user_data)
{
  kt_print_dialog_save_pdf (KT_PRINT_DIALOG (owner), file);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the Cards as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested name of a PDF of cards. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("cards.pdf"));
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  kt_file_chooser_show (chooser, filter, &self->chooser, self, pdf_chosen_cb, NULL, NULL);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- the printer --------------------------------------------------------- */

static GtkPageSetup *
page_setup_for (KtSheetLayout layout)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper;
  double width, height;

  switch (layout)
    {
    case KT_SHEET_A4_10:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      break;
    case KT_SHEET_LETTER_10:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
      break;
    case KT_SHEET_CR80:
    default:
      kt_sheet_page_size (layout, &width, &height);
      paper = gtk_paper_size_new_custom ("kartoteka-cr80", _("Card (CR80)"), width, height,
                                         GTK_UNIT_POINTS);
      break;
    }

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The layout places everything itself, crop marks included. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);
  return setup;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              KtPrintJob        *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (job->error != NULL)
    return;

  /* The sheet is drawn in points; the printer's page may differ a hair
   * (or be another paper the user chose): fit it, keeping proportions. */
  kt_sheet_page_size (job->options.layout, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (!kt_sheet_draw_page (cr, &job->options, job->design, job->shop_name,
                           (KtCardFace *const *) job->faces->pdata, job->faces->len,
                           (guint) page_nr, &job->error))
    gtk_print_operation_cancel (operation);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               KtPrintDialog           *self)
{
  KtPrintJob *job = g_object_get_data (G_OBJECT (operation), "kt-job");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;

  if (job->error != NULL)
    {
      _kt_print_dialog_show_error (self, job->error->message);
      return;
    }

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      count = kt_format_count (job->faces->len);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s card sent to the printer",
                                              "%s cards sent to the printer",
                                              job->faces->len),
                                 count);
      _kt_print_dialog_finished (self, job, message);
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &error);
      _kt_print_dialog_show_error (self, error != NULL ? error->message
                                                       : _("The cards could not be printed."));
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  kt_print_dialog_print (KT_PRINT_DIALOG (widget));
}

/* ---- private API --------------------------------------------------------- */

void
_kt_print_dialog_output_class_init (GtkWidgetClass *widget_class)
{
  /**
   * KtPrintDialog::printed:
   * @self: the dialog
   * @message: what was printed or saved, for a toast
   *
   * Emitted once the cards went to the printer or the PDF is complete,
   * and the print is recorded; the dialog closes right after.
   */
  signals[PRINTED] =
    g_signal_new ("printed",
                  G_TYPE_FROM_CLASS (widget_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "print.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "print.print", NULL);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_print_dialog_save_pdf:
 * @self: a #KtPrintDialog
 * @file: where to write the PDF (a local file)
 *
 * Writes every page in a thread, the progress bar showing how far it got;
 * Cancel stops it and leaves no file. Once the PDF is complete the print
 * is recorded, "printed" is emitted and the dialog closes; a failure is
 * shown in the dialog.
 */
void
kt_print_dialog_save_pdf (KtPrintDialog *self,
                          GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  KtPrintJob *job;

  g_return_if_fail (KT_IS_PRINT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job != NULL || kt_print_dialog_get_n_pages (self) == 0)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _kt_print_dialog_show_error (self, _("Only files on this computer can be used: choose "
                                           "a folder of this computer."));
      return;
    }

  job = _kt_print_dialog_job_new (self);
  job->path = g_steal_pointer (&path);
  job->file_name = g_file_get_basename (file);

  self->job = job;
  self->cancellable = g_cancellable_new ();
  _kt_print_dialog_show_error (self, NULL);
  _kt_print_dialog_set_busy (self, TRUE);
  self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick_cb, self);

  task = g_task_new (self, self->cancellable, pdf_written_cb, NULL);
  g_task_set_source_tag (task, kt_print_dialog_save_pdf);
  g_task_set_task_data (task, job, (GDestroyNotify) _kt_print_job_free);
  g_task_run_in_thread (task, write_pdf_thread);
}

/**
 * kt_print_dialog_print:
 * @self: a #KtPrintDialog
 *
 * Opens the system's print dialog for the pages on show, with the sheet's
 * paper; its Preview shows the pages as the printer gets them.
 */
void
kt_print_dialog_print (KtPrintDialog *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  KtPrintJob *job;

  g_return_if_fail (KT_IS_PRINT_DIALOG (self));

  if (self->job != NULL || kt_print_dialog_get_n_pages (self) == 0)
    return;

  job = _kt_print_dialog_job_new (self);
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "kt-job", job,
                          (GDestroyNotify) _kt_print_job_free);

  setup = page_setup_for (job->options.layout);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) job->total_pages);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Loyalty cards"));
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  _kt_print_dialog_show_error (self, NULL);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _kt_print_dialog_show_error (self, error->message);
}
