/* kt-schemes-view-files.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schemes view's scheme files: exporting the programme to a file, and
 * importing one, which replaces the programme. A file is read and checked
 * in full before anything changes; a refused file is explained with its
 * line, and the programme stays as it was.
 */

#define G_LOG_DOMAIN "kt-schemes-view"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-till.h"
#include "kt-schemes-view-private.h"

#define PROGRAMME_KEY "kt-programme"
#define FILE_NAME_KEY "kt-file-name"

/* ---- helpers ------------------------------------------------------------- */

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);
  g_autofree char *folded_b = g_utf8_casefold (b, -1);

  return g_strcmp0 (folded_a, folded_b) == 0;
}

/* How many of the shop's schemes the file does not have: importing it
 * removes them. Names compare without case, as in scheme files. */
static guint
count_removed (const KtProgramme *current,
               const KtProgramme *imported)
{
  guint removed = 0;

  for (guint i = 0; current != NULL && i < current->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (current->schemes, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < imported->schemes->len && !kept; j++)
        kept = same_name (scheme->name,
                          ((const KtScheme *) g_ptr_array_index (imported->schemes, j))->name);
      if (!kept)
        removed++;
    }

  return removed;
}

static void
import_programme (KtSchemesView     *self,
                  const KtProgramme *programme,
                  const char        *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!kt_store_programme_import (self->store, programme, &error))
    {
      _kt_schemes_view_show_problem (self, _("The File Cannot Be Imported"), error->message);
      return;
    }

  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u scheme imported from “%s”",
                                       "%u schemes imported from “%s”",
                                       programme->schemes->len),
                          programme->schemes->len, file_name);
  _kt_schemes_view_toast (self, done);
  kt_schemes_view_reload (self);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KtSchemesView    *self)
{
  g_assert (KT_IS_SCHEMES_VIEW (self));

  if (g_strcmp0 (response, "replace") != 0)
    return;

  import_programme (self, g_object_get_data (G_OBJECT (dialog), PROGRAMME_KEY),
                    g_object_get_data (G_OBJECT (dialog), FILE_NAME_KEY));
}

/* Importing replaces the programme: say what goes before it does. */
static void
ask_to_replace (KtSchemesView *self,
                KtProgramme   *programme,
                const char    *file_name)
{
  guint removed = count_removed (self->programme, programme);
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  g_autofree char *added = NULL;

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The %u scheme in “%s” replaces the shop’s schemes. "
                                        "A scheme with the same name as one of the shop’s keeps "
                                        "the members’ progress in it.",
                                        "The %u schemes in “%s” replace the shop’s schemes. "
                                        "A scheme with the same name as one of the shop’s keeps "
                                        "the members’ progress in it.",
                                        programme->schemes->len),
                           programme->schemes->len, file_name);
  if (removed > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s %u scheme the file does not have is removed.",
                                         "%s %u schemes the file does not have are removed.",
                                         removed),
                            added, removed);
  else
    body = g_steal_pointer (&added);

  dialog = adw_message_dialog_new (_kt_schemes_view_get_window (self),
                                   _("Replace the Programme?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              removed > 0 ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), PROGRAMME_KEY, programme,
                          (GDestroyNotify) kt_programme_free);
  g_object_set_data_full (G_OBJECT (dialog), FILE_NAME_KEY, g_strdup (file_name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The file's local path, or NULL after saying (under `heading`) that only
 * files on this computer can be used. */
static char *
local_path (KtSchemesView *self,
            GFile         *file,
            const char    *heading)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    _kt_schemes_view_show_problem (self, heading,
                                   _("Only files on this computer can be used: choose one in a "
                                     "folder of this computer."));
  return path;
}

static GtkFileFilter *
scheme_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Scheme Files"));
  gtk_file_filter_add_pattern (filter, "*.ini");
  return filter;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KtSchemesView   *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean saving;

  g_assert (KT_IS_SCHEMES_VIEW (self));

  saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;
  if (saving)
    kt_schemes_view_export_file (self, file);
  else
    kt_schemes_view_import_file (self, file);
}

static void
show_chooser (KtSchemesView        *self,
              GtkFileChooserNative *chooser)
{
  g_autoptr(GtkFileFilter) filter = scheme_file_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- actions ------------------------------------------------------------- */

void
_kt_schemes_view_import_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);

  if (self->store == NULL)
    return;

  show_chooser (self, gtk_file_chooser_native_new (_("Import a Scheme File"),
                                                   _kt_schemes_view_get_window (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Import"), _("_Cancel")));
}

void
_kt_schemes_view_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export to a Scheme File"),
                                         _kt_schemes_view_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the suggested name of an exported scheme file. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("loyalty-programme.ini"));
  show_chooser (self, chooser);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_schemes_view_import_file:
 * @self: a #KtSchemesView
 * @file: the scheme file
 *
 * Reads and checks the whole file. A refused file is explained with the
 * line and the reason; a good one replaces the programme once the shop
 * owner agrees (at once when the shop has no scheme yet).
 */
void
kt_schemes_view_import_file (KtSchemesView *self,
                             GFile         *file)
{
  const char *heading = _("The File Cannot Be Imported");
  g_autofree char *path = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) programme = NULL;

  g_return_if_fail (KT_IS_SCHEMES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || (path = local_path (self, file, heading)) == NULL)
    return;

  file_name = g_file_get_basename (file);
  programme = kt_scheme_file_load (path, &error);
  if (programme == NULL)
    {
      message = g_strdup_printf (_("%s\n\nNothing was changed: correct “%s” and import it again."),
                                 error->message, file_name);
      _kt_schemes_view_show_problem (self, heading, message);
      return;
    }

  if (self->programme == NULL || self->programme->schemes->len == 0)
    import_programme (self, programme, file_name);
  else
    ask_to_replace (self, g_steal_pointer (&programme), file_name);
}

/**
 * kt_schemes_view_export_file:
 * @self: a #KtSchemesView
 * @file: where to write the programme
 *
 * Writes the programme as the register has it; a failure is explained in
 * a dialog.
 */
void
kt_schemes_view_export_file (KtSchemesView *self,
                             GFile         *file)
{
  const char *heading = _("The Programme Cannot Be Exported");
  g_autofree char *path = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  KtQuoteSettings settings;

  g_return_if_fail (KT_IS_SCHEMES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || (path = local_path (self, file, heading)) == NULL)
    return;

  file_name = g_file_get_basename (file);
  programme = kt_store_programme_get (self->store, &error);
  if (programme != NULL)
    kt_programme_get_settings (programme, &settings);
  if (programme == NULL
      || !kt_scheme_file_save (path, (KtScheme *const *) programme->schemes->pdata,
                               programme->schemes->len, &settings, &error))
    {
      _kt_schemes_view_show_problem (self, heading, error->message);
      return;
    }

  done = g_strdup_printf (_("Programme saved to “%s”"), file_name);
  _kt_schemes_view_toast (self, done);
}
