/* kt-file-chooser.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file chooser shown for a widget: modal, one at a time (a second one
 * replaces the first), kept in the widget's slot so that the widget can
 * take it down when it goes, and answering with the chosen file only.
 */

#define G_LOG_DOMAIN "kt-file-chooser"

#include "config.h"

#include "kt-file-chooser.h"

typedef struct
{
  GtkNativeDialog  **slot;
  KtFileChosenFunc   chosen;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Chooser;

static void
chooser_free (gpointer data)
{
  Chooser *chooser = data;

  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         owner)
{
  Chooser *chooser = g_object_get_data (G_OBJECT (dialog), "kt-chooser");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkNativeDialog) keep = g_object_ref (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  if (*chooser->slot == dialog)
    g_clear_object (chooser->slot);

  if (file != NULL)
    chooser->chosen (owner, file, chooser->user_data);
}

/**
 * kt_file_chooser_show:
 * @chooser: (transfer full): a new file chooser
 * @filter: (nullable): the kind of files offered
 * @slot: where the owner keeps the chooser on show; the one there is
 *   taken down first
 * @owner: the object that asked (a widget), passed to @chosen
 * @chosen: what to do with the chosen file
 * @user_data: passed to @chosen
 * @destroy: (nullable): frees @user_data once the chooser is done
 */
void
kt_file_chooser_show (GtkFileChooserNative  *chooser,
                      GtkFileFilter         *filter,
                      GtkNativeDialog      **slot,
                      gpointer               owner,
                      KtFileChosenFunc       chosen,
                      gpointer               user_data,
                      GDestroyNotify         destroy)
{
  Chooser *data = g_new0 (Chooser, 1);

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (slot != NULL && G_IS_OBJECT (owner) && chosen != NULL);

  data->slot = slot;
  data->chosen = chosen;
  data->user_data = user_data;
  data->destroy = destroy;
  g_object_set_data_full (G_OBJECT (chooser), "kt-chooser", data, chooser_free);

  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Nothing is answered once the owner is gone. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (response_cb), owner, 0);

  if (*slot != NULL)
    gtk_native_dialog_destroy (*slot);
  g_clear_object (slot);
  *slot = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (*slot);
}
