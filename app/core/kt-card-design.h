/* kt-card-design.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-card-number.h"

G_BEGIN_DECLS

/* A loyalty card is CR80 / ID-1 (ISO/IEC 7810): 85.60 × 53.98 mm with
 * corners of 3.18 mm radius. Every position below is in millimetres from
 * the card's top left corner. */
#define KT_CARD_WIDTH_MM   85.60
#define KT_CARD_HEIGHT_MM  53.98
#define KT_CARD_RADIUS_MM  3.18

/* What a field of the design shows. */
typedef enum
{
  KT_CARD_FIELD_SHOP_NAME = 0,
  KT_CARD_FIELD_MEMBER_NAME,     /* empty on blank cards */
  KT_CARD_FIELD_TIER,            /* the member's tier name, empty when none */
  KT_CARD_FIELD_NUMBER,          /* the card number as text */
  KT_CARD_FIELD_BARCODE,         /* the card number as a barcode */
  KT_CARD_FIELD_DATE,            /* the issue date (or the print date of blanks) */
  KT_CARD_FIELD_TEXT,            /* free text: `text` */
  KT_CARD_FIELD_LOGO,            /* the design's logo image */
} KtCardFieldKind;

#define KT_CARD_FIELD_LAST KT_CARD_FIELD_LOGO

typedef enum
{
  KT_CARD_ALIGN_START = 0,
  KT_CARD_ALIGN_CENTER,
  KT_CARD_ALIGN_END,
} KtCardAlign;

typedef enum
{
  KT_CARD_FRONT = 0,
  KT_CARD_BACK,
} KtCardSide;

/* One field placed on a side: a box, and for text fields how the text is
 * set in it. Text that does not fit is shrunk, never cut. */
typedef struct
{
  KtCardFieldKind  kind;
  KtCardSide       side;
  double           x;          /* mm */
  double           y;
  double           width;
  double           height;
  char            *font;       /* Pango font description, "Sans Bold 9" */
  guint32          color;      /* 0xRRGGBB */
  KtCardAlign      align;
  char            *text;       /* KT_CARD_FIELD_TEXT: the text; DATE: a label before it */
} KtCardField;

/* An image as the owner chose it: PNG or SVG bytes. */
typedef struct
{
  GBytes  *bytes;
  char    *mime_type;          /* "image/png" or "image/svg+xml" */
} KtCardImage;

/* A card design: a front, an optional back, and the fields on them. */
typedef struct
{
  gint64        id;            /* 0 until stored */
  char         *name;
  gboolean      has_back;
  guint32       front_color;   /* background, 0xRRGGBB */
  guint32       back_color;
  KtCardImage   front_image;   /* background image, or bytes NULL */
  KtCardImage   back_image;
  KtCardImage   logo;
  /* How the card number is drawn: EAN-13 (numbers that are not EAN-13 fall
   * back to Code 128), Code 128 or QR. */
  KtSymbology   symbology;
  GPtrArray    *fields;        /* of KtCardField, drawn in order */
} KtCardDesign;

KtCardDesign *kt_card_design_new          (const char          *name);
/* The design new shops start with: shop name, member name, tier, the
 * barcode with its number, on a plain front; terms on the back. */
KtCardDesign *kt_card_design_new_default  (const char          *name);
KtCardDesign *kt_card_design_copy         (const KtCardDesign  *design);
void          kt_card_design_free         (KtCardDesign        *design);
KtCardField  *kt_card_design_add_field    (KtCardDesign        *design,
                                           KtCardFieldKind      kind,
                                           KtCardSide           side,
                                           double               x,
                                           double               y,
                                           double               width,
                                           double               height);
void          kt_card_image_set           (KtCardImage         *image,
                                           GBytes              *bytes,
                                           const char          *mime_type);
/* Name present, fields inside the card, sizes positive, fonts parseable
 * as text, images PNG or SVG. */
gboolean      kt_card_design_validate     (const KtCardDesign  *design,
                                           GError             **error);

/* The layout (everything but the images and the id) as GKeyFile text, and
 * back; images travel separately (the store keeps them as blobs). */
char         *kt_card_design_to_data      (const KtCardDesign  *design);
KtCardDesign *kt_card_design_from_data    (const char          *data,
                                           GError             **error);

const char   *kt_card_field_kind_to_string   (KtCardFieldKind  kind);
gboolean      kt_card_field_kind_from_string (const char      *text,
                                              KtCardFieldKind *out_kind);
/* A user-visible name of the field kind ("Member name"). */
const char   *kt_card_field_kind_label       (KtCardFieldKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCardDesign, kt_card_design_free)

G_END_DECLS
