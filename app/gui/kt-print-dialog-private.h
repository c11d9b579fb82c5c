/* kt-print-dialog-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KtPrintDialog spans kt-print-dialog.c (what is printed, how, and the
 * page preview) and kt-print-dialog-output.c (the PDF file and the
 * printer, and the record of what was printed).
 */

#pragma once

#include "output/kt-card-sheet.h"
#include "kt-print-dialog.h"

G_BEGIN_DECLS

typedef enum
{
  KT_PRINT_BATCH = 0,     /* the blank cards of a batch */
  KT_PRINT_MEMBERS,       /* the cards of the members a search finds */
  KT_PRINT_CARD,          /* one card */
} KtPrintWhat;

/* A print or a PDF under way: everything it needs, copied, so that it
 * does not depend on the dialog's widgets (a PDF is written in a thread). */
typedef struct
{
  KtSheetOptions  options;
  KtCardDesign   *design;
  char           *shop_name;
  GPtrArray      *faces;       /* of KtCardFace, shared with the dialog */
  gint64          batch_id;    /* 0 when not a batch */
  char           *path;        /* the PDF's */
  char           *file_name;
  guint           total_pages;
  int             done_pages;  /* atomic: written by the thread */
  GError         *error;       /* a page that could not be drawn */
} KtPrintJob;

struct _KtPrintDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *error_box;
  GtkLabel       *error_label;
  GtkWidget      *settings_page;
  AdwComboRow    *what_row;
  AdwComboRow    *batch_row;
  AdwComboRow    *design_row;
  AdwComboRow    *layout_row;
  GtkSwitch      *duplex_switch;
  GtkSpinButton  *bleed_spin;
  GtkSpinButton  *offset_x_spin;
  GtkSpinButton  *offset_y_spin;
  GtkSpinButton  *scale_spin;
  GtkDrawingArea *page_area;
  GtkLabel       *summary_label;
  GtkLabel       *page_label;
  GtkRevealer    *progress_revealer;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;

  KtStore        *store;          /* not owned: the main window's */
  GSettings      *settings;
  KtPrintWhat     offered[3];     /* what_row's choices, in its order */
  guint           n_offered;
  GPtrArray      *batches;        /* of KtCardBatch, newest first */
  GPtrArray      *designs;        /* of KtCardDesign, by name */
  char           *search;         /* of KT_PRINT_MEMBERS */
  char           *card_number;    /* of KT_PRINT_CARD, or NULL */
  char           *shop_name;
  GPtrArray      *faces;          /* what is printed now */
  gboolean        truncated;      /* more members than faces */
  guint           page;           /* shown in the preview */

  KtPrintJob     *job;            /* a PDF being written, or NULL */
  GCancellable   *cancellable;
  GtkNativeDialog *chooser;
  guint           progress_id;
  gboolean        close_when_done;
  gboolean        filling;
};

/* kt-print-dialog.c */
KtPrintJob   *_kt_print_dialog_job_new      (KtPrintDialog *self);
void          _kt_print_dialog_show_error   (KtPrintDialog *self,
                                             const char    *message);
void          _kt_print_dialog_set_busy     (KtPrintDialog *self,
                                             gboolean       busy);

/* kt-print-dialog-output.c */
void          _kt_print_job_free            (KtPrintJob    *job);
void          _kt_print_dialog_output_class_init (GtkWidgetClass *widget_class);
void          _kt_print_dialog_finished     (KtPrintDialog *self,
                                             KtPrintJob    *job,
                                             const char    *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtPrintJob, _kt_print_job_free)

G_END_DECLS
