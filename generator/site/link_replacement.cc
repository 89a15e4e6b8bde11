#include "site/link_replacement.h"

#include <cmark-gfm.h>

#include <memory>

#include "core/i18n.h"
#include "site/cmark_arena.h"

namespace mamori {
namespace {

struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// Whether a link or an image stands inside `link`.
bool holds_links(cmark_node* link) {
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(link));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(n);
    if (n != link && ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) return true;
  }
  return false;
}

cmark_node* text_node(const std::string& text) {
  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_TEXT, cmark_page_mem());
  cmark_node_set_literal(node, text.c_str());
  return node;
}

// A text node, or a link node holding one.
cmark_node* piece_node(const InlinePiece& piece) {
  if (piece.href.empty()) return text_node(piece.text);
  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_LINK, cmark_page_mem());
  cmark_node_set_url(node, piece.href.c_str());
  cmark_node_append_child(node, text_node(piece.text));
  return node;
}

}  // namespace

Result<void> replace_link(cmark_node* link, const std::vector<InlinePiece>& pieces) {
  if (holds_links(link)) {
    return Error{tr("a reference to a contact holds text only: take the image or link out of its brackets")};
  }
  for (const auto& piece : pieces) {
    cmark_node* node = piece_node(piece);
    if (cmark_node_insert_before(link, node) == 0) cmark_node_free(node);  // never expected: a link's place takes both
  }
  cmark_node_free(link);  // unlinks it too
  return {};
}

}  // namespace mamori
