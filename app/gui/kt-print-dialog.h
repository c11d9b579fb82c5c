/* kt-print-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_PRINT_DIALOG (kt_print_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtPrintDialog, kt_print_dialog, KT, PRINT_DIALOG, AdwWindow)

/* The blank cards of a batch (0: the newest). */
KtPrintDialog *kt_print_dialog_new_for_batch    (GtkWindow     *parent,
                                                 KtStore       *store,
                                                 gint64         batch_id);
/* The cards of the members a search finds ("" or NULL: everyone). */
KtPrintDialog *kt_print_dialog_new_for_members  (GtkWindow     *parent,
                                                 KtStore       *store,
                                                 const char    *search);
/* One card, by number. */
KtPrintDialog *kt_print_dialog_new_for_card     (GtkWindow     *parent,
                                                 KtStore       *store,
                                                 const char    *number);

guint          kt_print_dialog_get_n_cards      (KtPrintDialog *self);
guint          kt_print_dialog_get_n_pages      (KtPrintDialog *self);
/* What Save as PDF… does with the chosen file: writes it in a thread with
 * a progress bar, records the print and emits "printed". */
void           kt_print_dialog_save_pdf         (KtPrintDialog *self,
                                                 GFile         *file);
/* What Print… does: the system's print dialog (with its preview). */
void           kt_print_dialog_print            (KtPrintDialog *self);

G_END_DECLS
