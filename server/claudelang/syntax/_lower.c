/* Lowering of plain forms in C: names, literals, calls, vectors, maps and the common
 * well-formed special forms (define, lambda, if, let, let*, letrec, do, begin, and, or,
 * when, unless).
 *
 * Lowering in Python cost 5-8x tree-sitter's own parse: a Python call and a py-tree-sitter
 * Node per tree node, a dataclass __init__ per AST node. `lower(node, anchor, base, budget)`
 * lowers the subtree of a py-tree-sitter `Node` in one C call when every node in it is
 * plain, and answers None otherwise, leaving it to `lower.py`: anything that reports a
 * diagnostic, records a rewrite or reads the lowerer's state (quotes, escapes, syntax
 * errors, odd maps, rest parameters, duplicate parameters, `[ ]` clauses, earlier
 * spellings, the other special forms) is not plain. For a plain subtree the result is
 * exactly what `Lowerer.expr` builds; tests/syntax/test_native_lowering.py compares the two
 * on every example and on generated text, fresh and incremental.
 *
 * How it reads the tree: py-tree-sitter exports none of the runtime's functions, so this
 * module is linked with a copy of the runtime of the same version (grammar/runtime) and
 * reads the `TSNode` inside a py-tree-sitter Node at the offset of 0.26.1's layout.
 * `bind()` refuses types of another size, and `claudelang.syntax.native` binds only
 * py-tree-sitter 0.26.1 and only when `preorder()` of a known tree agrees with
 * py-tree-sitter's own answers. Nothing here writes to, frees or keeps a tree.
 *
 * The AST classes stay Python dataclasses with slots: `bind()` reads where CPython put
 * each slot (slots.h's `slot_offset`, as runtime/_plist.c does for lists) and `make`
 * fills them.
 *
 * Cost: one pass, O(subtree), that stops at the first node that is not plain (what it
 * built so far is dropped). `lower.py` asks again for each child of a form it lowers
 * itself, so a node is visited at most once per enclosing form that is not plain:
 * O(n * d), d <= MAX_DEPTH. Recursion is bounded by `budget` (MAX_DEPTH collections at
 * most; deeper input is not plain), never by the input.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <string.h>

#include "slots.h"
#include "tree_sitter/api.h"
/* the runtime's own structures, for `collect` (grammar/runtime is this release's runtime) */
#include "language.h"
#include "length.h"
#include "subtree.h"
#include "tree.h"

/* py-tree-sitter 0.26.1's objects (tree_sitter/binding/types.h); bind() checks the sizes. */
typedef struct {
    PyObject_HEAD
    TSNode node;
    PyObject *children;
    PyObject *tree;
} TsNodeObject;

typedef struct {
    PyObject_HEAD
    TSTree *tree;
    PyObject *source;
    PyObject *language;
} TsTreeObject;

enum kind { K_OTHER, K_FLOAT, K_INTEGER, K_STRING, K_BOOLEAN, K_NIL, K_KEYWORD, K_SYMBOL,
            K_QUOTE, K_LIST, K_VECTOR, K_MAP, K_CONTENT, K_COUNT };
static const char *const KIND_NAMES[K_COUNT] = {
    NULL, "float", "integer", "string", "boolean", "nil", "keyword", "symbol",
    "quote", "list", "vector", "map", "string_content",
};
#define IS_FORM(k) ((k) >= K_FLOAT && (k) <= K_MAP)

#define MAX_SYMBOLS 1024
static unsigned char kind_of_symbol[MAX_SYMBOLS]; /* K_OTHER for every other symbol */
static unsigned char unit_symbol[MAX_SYMBOLS];    /* named like a form (its kind): a unit at the top level */
#define UNIT_ERROR K_COUNT                        /* the unit code of an ERROR node */

/* The AST classes `make` builds, in the order bind() takes them, and their fields after
 * (start, end, anchor); native.CLASSES says the same in Python and checks it. */
enum cls { C_NAME, C_INT, C_FLOAT, C_STR, C_BOOL, C_NIL, C_KEYWORD, C_CALL, C_LIST, C_MAP,
           C_BINDER, C_LAMBDA, C_DEFINE, C_LET_BINDING, C_LET, C_IF, C_WHEN, C_AND, C_OR, C_DO,
           C_COND_CLAUSE, C_COND, C_MATCH_CLAUSE, C_MATCH, C_PWILDCARD, C_PVAR, C_PCONSTRUCTOR,
           C_PLITERAL, C_PLIST, C_QUOTED_SYMBOL, C_QUOTED_LIST, C_QUOTED_MAP, C_CTOR_DEF, C_DATA,
           C_CONTRACT_CLAUSE, C_CONTRACT, C_COUNT };
#define MAX_FIELDS 4
static const char *const CLASS_FIELDS[C_COUNT][MAX_FIELDS] = {
    [C_NAME] = {"name"},
    [C_INT] = {"value"},
    [C_FLOAT] = {"value"},
    [C_STR] = {"value"},
    [C_BOOL] = {"value"},
    [C_NIL] = {NULL},
    [C_KEYWORD] = {"name"},
    [C_CALL] = {"callee", "args"},
    [C_LIST] = {"items"},
    [C_MAP] = {"items"},
    [C_BINDER] = {"name"},
    [C_LAMBDA] = {"params", "rest", "body", "name"},
    [C_DEFINE] = {"name", "value", "is_function"},
    [C_LET_BINDING] = {"name", "value"},
    [C_LET] = {"keyword", "bindings", "body", "loop"},
    [C_IF] = {"test", "then", "otherwise"},
    [C_WHEN] = {"test", "body", "negated"},
    [C_AND] = {"items"},
    [C_OR] = {"items"},
    [C_DO] = {"body"},
    [C_COND_CLAUSE] = {"test", "body"},
    [C_COND] = {"clauses"},
    [C_MATCH_CLAUSE] = {"pattern", "body"},
    [C_MATCH] = {"subject", "clauses"},
    [C_PWILDCARD] = {NULL},
    [C_PVAR] = {"binder"},
    [C_PCONSTRUCTOR] = {"name", "args", "bare"},
    [C_PLITERAL] = {"value"},
    [C_PLIST] = {"items", "rest"},
    [C_QUOTED_SYMBOL] = {"name"},
    [C_QUOTED_LIST] = {"items"},
    [C_QUOTED_MAP] = {"items"},
    [C_CTOR_DEF] = {"name", "fields"},
    [C_DATA] = {"name", "type_vars", "ctors"},
    [C_CONTRACT_CLAUSE] = {"key", "value"},
    [C_CONTRACT] = {"target", "clauses"},
};
static PyTypeObject *classes[C_COUNT];
static Py_ssize_t offsets[C_COUNT][3 + MAX_FIELDS]; /* start, end, anchor, then the fields */
static int field_count[C_COUNT];

/* The special forms lowered here; any other name in `special_heads` is not plain. */
enum special { S_NONE, S_OTHER, S_DEFINE, S_LAMBDA, S_IF, S_LET, S_DO, S_AND, S_OR, S_WHEN, S_UNLESS,
               S_COND, S_MATCH, S_DATA, S_CONTRACT };
static const struct {
    const char *name;
    enum special form;
} SPECIALS[] = {
    {"define", S_DEFINE}, {"lambda", S_LAMBDA}, {"if", S_IF},   {"let", S_LET},       {"let*", S_LET},
    {"letrec", S_LET},    {"do", S_DO},         {"begin", S_DO}, {"and", S_AND},      {"or", S_OR},
    {"when", S_WHEN},     {"unless", S_UNLESS},     {"cond", S_COND},  {"match", S_MATCH},   {"data", S_DATA},
    {"spec:contract", S_CONTRACT},
};

static PyTypeObject *node_type = NULL; /* tree_sitter.Node, once bound */
static const TSLanguage *language = NULL;
static PyObject *special_heads = NULL;    /* names whose list is not a call */
static PyObject *contract_clauses = NULL; /* the clause names lower.py does not warn about */
static PyObject *str_text = NULL;

#define MAX_BUDGET 10000

/* ------------------------------------------------------------------ binding */

static int bind_class(int index, PyObject *cls) {
    static const char *const COMMON[3] = {"start", "end", "anchor"};
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "bind() takes AST classes");
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        if (slot_offset(cls, COMMON[i], &offsets[index][i]) < 0) {
            return -1;
        }
    }
    field_count[index] = 0;
    for (int i = 0; i < MAX_FIELDS && CLASS_FIELDS[index][i] != NULL; i++) {
        if (slot_offset(cls, CLASS_FIELDS[index][i], &offsets[index][3 + i]) < 0) {
            return -1;
        }
        field_count[index] = i + 1;
    }
    Py_XSETREF(classes[index], (PyTypeObject *)Py_NewRef(cls));
    return 0;
}

static int check_layout(PyObject *type, const char *name, Py_ssize_t size) {
    if (!PyType_Check(type) || strcmp(((PyTypeObject *)type)->tp_name, name) != 0 ||
        ((PyTypeObject *)type)->tp_basicsize != size) {
        PyErr_Format(PyExc_TypeError, "%R is not the %s of py-tree-sitter 0.26.1", type, name);
        return -1;
    }
    return 0;
}

/* bind(Tree, Node, tree, classes, heads, clauses): read nodes of Node's layout, trees of
 * the language of `tree`, build `classes` (in `enum cls` order), leave lists headed by one
 * of `heads` that is not in SPECIALS to Python, and contracts with a clause not in
 * `clauses` too (lower.py warns about those). */
static PyObject *bind(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *tree_cls, *node_cls, *tree, *cls_tuple, *heads, *clauses;
    if (!PyArg_ParseTuple(args, "OOOO!O!O!:bind", &tree_cls, &node_cls, &tree, &PyTuple_Type, &cls_tuple,
                          &PyFrozenSet_Type, &heads, &PyFrozenSet_Type, &clauses)) {
        return NULL;
    }
    if (check_layout(tree_cls, "tree_sitter.Tree", sizeof(TsTreeObject)) < 0 ||
        check_layout(node_cls, "tree_sitter.Node", sizeof(TsNodeObject)) < 0) {
        return NULL;
    }
    if (!Py_IS_TYPE(tree, (PyTypeObject *)tree_cls) || ((TsTreeObject *)tree)->tree == NULL) {
        PyErr_SetString(PyExc_TypeError, "bind() needs a tree of the language");
        return NULL;
    }
    if (PyTuple_GET_SIZE(cls_tuple) != C_COUNT) {
        PyErr_Format(PyExc_TypeError, "bind() takes %d AST classes", C_COUNT);
        return NULL;
    }
    for (int i = 0; i < C_COUNT; i++) {
        if (bind_class(i, PyTuple_GET_ITEM(cls_tuple, i)) < 0) {
            return NULL;
        }
    }
    const TSLanguage *lang = ts_tree_language(((TsTreeObject *)tree)->tree);
    uint32_t count = ts_language_symbol_count(lang);
    memset(kind_of_symbol, K_OTHER, sizeof kind_of_symbol);
    memset(unit_symbol, 0, sizeof unit_symbol);
    for (uint32_t symbol = 0; symbol < count && symbol < MAX_SYMBOLS; symbol++) {
        const char *name = ts_language_symbol_name(lang, (TSSymbol)symbol);
        int regular = ts_language_symbol_type(lang, (TSSymbol)symbol) == TSSymbolTypeRegular;
        for (int k = 1; k < K_COUNT && name != NULL; k++) {
            if (strcmp(name, KIND_NAMES[k]) == 0) {
                kind_of_symbol[symbol] = regular ? (unsigned char)k : K_OTHER;
                unit_symbol[symbol] = IS_FORM(k) ? (unsigned char)k : 0; /* document.UNIT_TYPES compares type names */
            }
        }
    }
    language = lang;
    Py_XSETREF(special_heads, Py_NewRef(heads));
    Py_XSETREF(contract_clauses, Py_NewRef(clauses));
    Py_XSETREF(node_type, (PyTypeObject *)Py_NewRef(node_cls));
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ reading */

typedef struct {
    const char *text; /* the anchor's bytes: the unit's source */
    uint32_t length;
    uint32_t base; /* the unit's first byte in the document */
    PyObject *anchor;
} Walk;

static inline int kind_of(TSNode node) {
    TSSymbol symbol = ts_node_symbol(node);
    return symbol < MAX_SYMBOLS ? kind_of_symbol[symbol] : K_OTHER;
}

/* The children of a node (its forms only, or all), in order. */
typedef struct {
    TSNode *items;
    uint32_t count, capacity;
    TSNode small[8];
} Children;

static void release(Children *children) {
    if (children->items != children->small) {
        PyMem_Free(children->items);
    }
}

/* Append `node` to `children`: 0, or -1 with MemoryError set. */
static int push_child(Children *children, TSNode node) {
    if (children->count == children->capacity) {
        size_t capacity = (size_t)children->capacity * 2;
        TSNode *grown = capacity > UINT32_MAX                ? NULL
                        : children->items == children->small ? PyMem_Malloc(capacity * sizeof(TSNode))
                                                             : PyMem_Realloc(children->items, capacity * sizeof(TSNode));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        if (children->items == children->small) {
            memcpy(grown, children->small, sizeof children->small);
        }
        children->items = grown;
        children->capacity = (uint32_t)capacity;
    }
    children->items[children->count++] = node;
    return 0;
}

/* A node whose children a walk (`collect`, `shape`) is reading: from `index` on, at `position`. */
typedef struct {
    Subtree parent;
    const TSSymbol *aliases;
    uint32_t index, structural;
    Length position;
} Hidden;

/* Twice the room for a walk's stack of hidden nodes, whose first `*capacity` frames may be
 * the caller's inline `small` ones: 0, or -1 (the stack left as it was). */
static int grow_hidden(Hidden **stack, Hidden *small, size_t *capacity) {
    Hidden *grown = *stack == small ? PyMem_Malloc(2 * *capacity * sizeof(Hidden))
                                    : PyMem_Realloc(*stack, 2 * *capacity * sizeof(Hidden));
    if (grown == NULL) {
        return -1;
    }
    if (*stack == small) {
        memcpy(grown, small, *capacity * sizeof(Hidden));
    }
    *stack = grown;
    *capacity *= 2;
    return 0;
}

/* The children of `node` (its forms only, or all), in order, into `children`, as
 * `ts_tree_cursor_goto_first_child` and `_next_sibling` visit them: a hidden child with
 * visible children is looked into, any other hidden child skipped. Read from the runtime's
 * subtrees directly: the cursor's per-step bookkeeping cost 2.5x this over the top-level
 * forms of a 1 MB file (the root's children are hidden repetition nodes, two children each,
 * about log2(n) deep). 0, or -1 with MemoryError set (`children` is then released). */
static int collect(TSNode node, Children *children, int forms_only) {
    children->items = children->small;
    children->count = 0;
    children->capacity = 8;
    Subtree subtree = *(const Subtree *)node.id;
    if (ts_subtree_child_count(subtree) == 0) {
        return 0;
    }
    const TSTree *tree = node.tree;
    Hidden small[32];
    Hidden *stack = small;
    size_t depth = 1, capacity = 32;
    stack[0] = (Hidden){subtree, ts_language_alias_sequence(tree->language, subtree.ptr->production_id), 0, 0,
                        {ts_node_start_byte(node), ts_node_start_point(node)}};
    int status = 0;
    while (status == 0 && depth) {
        Hidden *top = &stack[depth - 1];
        if (top->index == top->parent.ptr->child_count) {
            depth--;
            continue;
        }
        const Subtree *child = &ts_subtree_children(top->parent)[top->index];
        if (top->index++ > 0) {
            top->position = length_add(top->position, ts_subtree_padding(*child));
        }
        Length position = top->position;
        top->position = length_add(position, ts_subtree_size(*child));
        int visible = ts_subtree_visible(*child);
        TSSymbol alias = 0;
        if (!ts_subtree_extra(*child)) {
            if (top->aliases) {
                alias = top->aliases[top->structural];
                visible |= alias != 0;
            }
            top->structural++;
        }
        if (visible) {
            TSNode found = ts_node_new(tree, child, position, alias);
            if (!forms_only || IS_FORM(kind_of(found))) {
                status = push_child(children, found);
            }
            continue;
        }
        if (!ts_subtree_visible_child_count(*child)) {
            continue;
        }
        if (depth == capacity && grow_hidden(&stack, small, &capacity) < 0) {
            PyErr_NoMemory();
            status = -1;
            break;
        }
        stack[depth++] = (Hidden){*child, ts_language_alias_sequence(tree->language, child->ptr->production_id), 0, 0,
                                  position};
    }
    if (stack != small) {
        PyMem_Free(stack);
    }
    if (status < 0) {
        release(children);
    }
    return status;
}

/* Whether `node` lies inside the unit, is not empty and has no syntax error. */
static int sound(const Walk *walk, TSNode node) {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    return !ts_node_has_error(node) && !ts_node_is_missing(node) && start >= walk->base && end > start &&
           end - walk->base <= walk->length;
}

/* An integer token that `int(text)` reads and a C long long holds: [+-]?[0-9]{1,17}. */
static int small_integer(const char *text, Py_ssize_t length, long long *value) {
    Py_ssize_t i = (length > 0 && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
    if (length - i < 1 || length - i > 17) {
        return 0;
    }
    long long result = 0;
    for (Py_ssize_t j = i; j < length; j++) {
        if (text[j] < '0' || text[j] > '9') {
            return 0;
        }
        result = result * 10 + (text[j] - '0');
    }
    *value = (text[0] == '-') ? -result : result;
    return 1;
}

static int is_ascii(const char *text, Py_ssize_t length) {
    for (Py_ssize_t i = 0; i < length; i++) {
        if ((unsigned char)text[i] >= 0x80) {
            return 0;
        }
    }
    return 1;
}

/* ------------------------------------------------------------------ building
 *
 * Every build function returns a new reference: the AST, or None when the node is not
 * plain, or NULL with an exception set. FAILED(x) is either of the last two, which the
 * caller passes up after dropping what it built. */

#define FAILED(obj) ((obj) == NULL || (obj) == Py_None)
#define NOT_PLAIN() Py_NewRef(Py_None)

/* A new instance of AST class `cls` at the document's [from, to) (stored relative to the
 * unit), its fields (references stolen, `field_count[cls]` of them) in order. */
static PyObject *make_at(const Walk *walk, int cls, uint32_t from, uint32_t to, PyObject *f0, PyObject *f1,
                         PyObject *f2, PyObject *f3) {
    PyObject *fields[MAX_FIELDS] = {f0, f1, f2, f3};
    PyObject *start = PyLong_FromUnsignedLong(from - walk->base);
    PyObject *end = PyLong_FromUnsignedLong(to - walk->base);
    int ok = start != NULL && end != NULL;
    for (int i = 0; i < field_count[cls]; i++) {
        ok = ok && fields[i] != NULL;
    }
    PyObject *obj = ok ? classes[cls]->tp_alloc(classes[cls], 0) : NULL;
    if (obj == NULL) {
        Py_XDECREF(start);
        Py_XDECREF(end);
        for (int i = 0; i < MAX_FIELDS; i++) {
            Py_XDECREF(fields[i]);
        }
        return NULL;
    }
    SLOT(obj, offsets[cls][0]) = start;
    SLOT(obj, offsets[cls][1]) = end;
    SLOT(obj, offsets[cls][2]) = Py_NewRef(walk->anchor);
    for (int i = 0; i < field_count[cls]; i++) {
        SLOT(obj, offsets[cls][3 + i]) = fields[i];
    }
    return obj;
}

/* make_at over the node's own range. */
static PyObject *make(const Walk *walk, int cls, TSNode node, PyObject *f0, PyObject *f1, PyObject *f2,
                      PyObject *f3) {
    return make_at(walk, cls, ts_node_start_byte(node), ts_node_end_byte(node), f0, f1, f2, f3);
}

/* An AST node whose one field is the list `items`, unless building the items failed. */
static PyObject *make_with(const Walk *walk, int cls, TSNode node, PyObject *items) {
    return FAILED(items) ? items : make(walk, cls, node, items, NULL, NULL, NULL);
}

/* The node's text, decoded as `lower.py` does (invalid UTF-8 becomes U+FFFD). */
static PyObject *text_of(const Walk *walk, TSNode node, uint32_t skip) {
    uint32_t start = ts_node_start_byte(node) - walk->base + skip;
    return PyUnicode_DecodeUTF8(walk->text + start, ts_node_end_byte(node) - walk->base - start, "replace");
}

static PyObject *build(const Walk *walk, TSNode node, int budget);

typedef PyObject *(*Lowering)(const Walk *walk, TSNode node, int budget);

/* [lowering(n) for n in children[from:]], or None / NULL as soon as one fails. */
static PyObject *each(const Walk *walk, const Children *children, uint32_t from, int budget, Lowering lowering) {
    PyObject *items = PyList_New(from < children->count ? children->count - from : 0);
    for (uint32_t i = from; items != NULL && i < children->count; i++) {
        PyObject *item = lowering(walk, children->items[i], budget);
        if (FAILED(item)) {
            Py_DECREF(items);
            return item;
        }
        PyList_SET_ITEM(items, i - from, item);
    }
    return items;
}

/* [build(n) for n in children[from:]]. */
static PyObject *build_all(const Walk *walk, const Children *children, uint32_t from, int budget) {
    return each(walk, children, from, budget, build);
}

/* A `Binder` for a symbol node; None for anything else. */
static PyObject *binder(const Walk *walk, TSNode node) {
    if (kind_of(node) != K_SYMBOL || !sound(walk, node)) {
        return NOT_PLAIN();
    }
    return make(walk, C_BINDER, node, text_of(walk, node, 0), NULL, NULL, NULL);
}

/* The Binders of `items[from:]`, a parameter list, or None: only distinct names, none
 * starting with `...` (rest parameters and duplicates are lowered, and reported, by
 * lower.py). */
static PyObject *params(const Walk *walk, const Children *items, uint32_t from) {
    PyObject *seen = items->count - from > 8 ? PySet_New(NULL) : NULL; /* else compared pairwise */
    PyObject *out = seen || items->count - from <= 8 ? PyList_New(items->count - from) : NULL;
    for (uint32_t i = from; out != NULL && i < items->count; i++) {
        TSNode item = items->items[i];
        PyObject *param = binder(walk, item);
        if (!FAILED(param)) {
            const char *text = walk->text + (ts_node_start_byte(item) - walk->base);
            PyObject *name = SLOT(param, offsets[C_BINDER][3]);
            int found = 0;
            for (uint32_t j = from; seen == NULL && j < i && found == 0; j++) {
                found = PyUnicode_Compare(SLOT(PyList_GET_ITEM(out, j - from), offsets[C_BINDER][3]), name) == 0;
            }
            if (seen != NULL) {
                found = PySet_Contains(seen, name);
            }
            if (found < 0 || (found == 0 && seen != NULL && PySet_Add(seen, name) < 0)) {
                Py_SETREF(param, NULL);
            } else if (found || (ts_node_end_byte(item) - ts_node_start_byte(item) >= 3 && memcmp(text, "...", 3) == 0)) {
                Py_SETREF(param, NOT_PLAIN());
            }
        }
        if (FAILED(param)) {
            Py_DECREF(out);
            out = param;
            break;
        }
        PyList_SET_ITEM(out, i - from, param);
    }
    Py_XDECREF(seen);
    return out;
}

/* A Lambda value takes the name it is bound to, as `lower.py` names it. */
static void name_lambda(PyObject *value, PyObject *binder_obj) {
    Py_ssize_t name_slot = offsets[C_LAMBDA][3 + 3];
    if (Py_IS_TYPE(value, classes[C_LAMBDA]) && SLOT(value, name_slot) == Py_None) {
        Py_SETREF(SLOT(value, name_slot), Py_NewRef(SLOT(binder_obj, offsets[C_BINDER][3])));
    }
}

/* Lambda(params of `items[from:]`, body of `forms[2:]`), named `name` (a new reference or
 * None); None unless both are plain and the body is not empty. */
static PyObject *lambda(const Walk *walk, TSNode node, const Children *items, uint32_t from,
                        const Children *forms, PyObject *name, int budget) {
    PyObject *param_list = forms->count > 2 ? params(walk, items, from) : NOT_PLAIN();
    if (FAILED(param_list)) {
        Py_DECREF(name);
        return param_list;
    }
    PyObject *body = build_all(walk, forms, 2, budget);
    if (FAILED(body)) {
        Py_DECREF(name);
        Py_DECREF(param_list);
        return body;
    }
    return make(walk, C_LAMBDA, node, param_list, Py_NewRef(Py_None), body, name);
}

/* (define (name param ...) body ...) and (define name value). */
static PyObject *build_define(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count < 2) {
        return NOT_PLAIN();
    }
    TSNode target = forms->items[1];
    if (kind_of(target) != K_LIST) {
        if (forms->count != 3) {
            return NOT_PLAIN();
        }
        PyObject *name = binder(walk, target);
        PyObject *value = FAILED(name) ? NULL : build(walk, forms->items[2], budget);
        if (FAILED(name) || FAILED(value)) {
            PyObject *failed = FAILED(name) ? name : value;
            Py_XDECREF(FAILED(name) ? value : name);
            return failed;
        }
        name_lambda(value, name);
        return make(walk, C_DEFINE, node, name, value, Py_NewRef(Py_False), NULL);
    }
    Children parts;
    if (!sound(walk, target)) {
        return NOT_PLAIN();
    }
    if (collect(target, &parts, 1) < 0) {
        return NULL;
    }
    PyObject *name = parts.count ? binder(walk, parts.items[0]) : NOT_PLAIN();
    PyObject *fn = FAILED(name)
                       ? NULL
                       : lambda(walk, node, &parts, 1, forms, Py_NewRef(SLOT(name, offsets[C_BINDER][3])), budget);
    release(&parts);
    if (FAILED(name) || FAILED(fn)) {
        PyObject *failed = FAILED(name) ? name : fn;
        Py_XDECREF(FAILED(name) ? fn : name);
        return failed;
    }
    return make(walk, C_DEFINE, node, name, fn, Py_NewRef(Py_True), NULL);
}

/* (lambda (param ...) body ...), the parameters in a list or a vector. */
static PyObject *build_lambda(const Walk *walk, TSNode node, const Children *forms, int budget) {
    int kind = forms->count >= 2 ? kind_of(forms->items[1]) : K_OTHER;
    if ((kind != K_LIST && kind != K_VECTOR) || !sound(walk, forms->items[1])) {
        return NOT_PLAIN();
    }
    Children items;
    if (collect(forms->items[1], &items, 1) < 0) {
        return NULL;
    }
    PyObject *fn = lambda(walk, node, &items, 0, forms, NOT_PLAIN(), budget);
    release(&items);
    return fn;
}

/* One binding `(name value)` of a let: a list of two forms, the first a name. */
static PyObject *let_binding(const Walk *walk, TSNode item, int budget) {
    Children parts;
    if (kind_of(item) != K_LIST || !sound(walk, item)) {
        return NOT_PLAIN(); /* a [name value] clause: lower.py records its rewrite */
    }
    if (collect(item, &parts, 1) < 0) {
        return NULL;
    }
    PyObject *name = parts.count == 2 ? binder(walk, parts.items[0]) : NOT_PLAIN();
    PyObject *value = FAILED(name) ? NULL : build(walk, parts.items[1], budget);
    release(&parts);
    if (FAILED(name) || FAILED(value)) {
        PyObject *failed = FAILED(name) ? name : value;
        Py_XDECREF(FAILED(name) ? value : name);
        return failed;
    }
    name_lambda(value, name);
    return make(walk, C_LET_BINDING, item, name, value, NULL, NULL);
}

/* (let ((name value) ...) body ...), let*, letrec, and the named (let loop (...) ...). */
static PyObject *build_let(const Walk *walk, TSNode node, PyObject *keyword, const Children *forms, int budget) {
    uint32_t index = 1;
    PyObject *loop = NULL;
    if (forms->count > 1 && kind_of(forms->items[1]) == K_SYMBOL) {
        loop = binder(walk, forms->items[1]);
        if (FAILED(loop)) {
            return loop;
        }
        index = 2;
    }
    int kind = forms->count > index ? kind_of(forms->items[index]) : K_OTHER;
    Children items;
    if ((kind != K_LIST && kind != K_VECTOR) || forms->count <= index + 1 || !sound(walk, forms->items[index])) {
        Py_XDECREF(loop);
        return NOT_PLAIN();
    }
    if (collect(forms->items[index], &items, 1) < 0) {
        Py_XDECREF(loop);
        return NULL;
    }
    PyObject *bindings = PyList_New(items.count);
    for (uint32_t i = 0; bindings != NULL && i < items.count; i++) {
        PyObject *binding = let_binding(walk, items.items[i], budget);
        if (FAILED(binding)) {
            Py_DECREF(bindings);
            bindings = binding;
            break;
        }
        PyList_SET_ITEM(bindings, i, binding);
    }
    release(&items);
    PyObject *body = FAILED(bindings) ? NULL : build_all(walk, forms, index + 1, budget);
    if (FAILED(bindings) || FAILED(body)) {
        PyObject *failed = FAILED(bindings) ? bindings : body;
        Py_XDECREF(FAILED(bindings) ? body : bindings);
        Py_XDECREF(loop);
        return failed;
    }
    return make(walk, C_LET, node, Py_NewRef(keyword), bindings, body, loop ? loop : Py_NewRef(Py_None));
}

/* (if test then [else]). */
static PyObject *build_if(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count != 3 && forms->count != 4) {
        return NOT_PLAIN();
    }
    PyObject *parts = build_all(walk, forms, 1, budget);
    if (FAILED(parts)) {
        return parts;
    }
    PyObject *otherwise = forms->count == 4 ? PyList_GET_ITEM(parts, 2) : Py_None;
    PyObject *result = make(walk, C_IF, node, Py_NewRef(PyList_GET_ITEM(parts, 0)),
                            Py_NewRef(PyList_GET_ITEM(parts, 1)), Py_NewRef(otherwise), NULL);
    Py_DECREF(parts);
    return result;
}

/* (when test body ...) and (unless test body ...). */
static PyObject *build_when(const Walk *walk, TSNode node, const Children *forms, int negated, int budget) {
    if (forms->count < 2) {
        return NOT_PLAIN();
    }
    PyObject *test = build(walk, forms->items[1], budget);
    PyObject *body = FAILED(test) ? NULL : build_all(walk, forms, 2, budget);
    if (FAILED(test) || FAILED(body)) {
        PyObject *failed = FAILED(test) ? test : body;
        Py_XDECREF(FAILED(test) ? body : test);
        return failed;
    }
    return make(walk, C_WHEN, node, test, body, PyBool_FromLong(negated), NULL);
}

/* The node's text, decoded strictly as `node.text.decode()` in lower.py (the text is
 * valid UTF-8: documents are decoded with replacement first). */
static PyObject *strict_text(const Walk *walk, TSNode node, uint32_t skip) {
    uint32_t start = ts_node_start_byte(node) - walk->base + skip;
    return PyUnicode_DecodeUTF8(walk->text + start, ts_node_end_byte(node) - walk->base - start, NULL);
}

/* The first byte of a symbol node, which sound() made sure exists. */
static inline char first_byte(const Walk *walk, TSNode node) {
    return walk->text[ts_node_start_byte(node) - walk->base];
}

static inline int starts_with_dots(const Walk *walk, TSNode node) {
    return ts_node_end_byte(node) - ts_node_start_byte(node) >= 3 &&
           memcmp(walk->text + (ts_node_start_byte(node) - walk->base), "...", 3) == 0;
}

/* One clause of `cond`: `(test body ...)` or `(else body ...)`, in parentheses. */
static PyObject *cond_clause(const Walk *walk, TSNode item, int budget) {
    Children parts;
    if (kind_of(item) != K_LIST || !sound(walk, item)) {
        return NOT_PLAIN(); /* a [test body] clause: lower.py records its rewrite */
    }
    if (collect(item, &parts, 1) < 0) {
        return NULL;
    }
    PyObject *result;
    TSNode head = parts.count > 0 ? parts.items[0] : item;
    int is_else = parts.count > 0 && kind_of(head) == K_SYMBOL && sound(walk, head) &&
                  ts_node_end_byte(head) - ts_node_start_byte(head) == 4 &&
                  memcmp(walk->text + (ts_node_start_byte(head) - walk->base), "else", 4) == 0;
    if (parts.count == 0 || (is_else && parts.count == 1)) {
        result = NOT_PLAIN(); /* reported by lower.py */
    } else {
        PyObject *test = is_else ? Py_NewRef(Py_None) : build(walk, head, budget);
        PyObject *body = !is_else && FAILED(test) ? NULL : build_all(walk, &parts, 1, budget);
        if (!is_else && FAILED(test)) {
            result = test;
        } else if (FAILED(body)) {
            Py_DECREF(test);
            result = body;
        } else {
            result = make(walk, C_COND_CLAUSE, item, test, body, NULL, NULL);
        }
    }
    release(&parts);
    return result;
}

/* (cond clause ...). */
static PyObject *build_cond(const Walk *walk, TSNode node, const Children *forms, int budget) {
    PyObject *clauses = PyList_New(forms->count - 1);
    for (uint32_t i = 1; clauses != NULL && i < forms->count; i++) {
        PyObject *clause = cond_clause(walk, forms->items[i], budget);
        if (FAILED(clause)) {
            Py_DECREF(clauses);
            return clause;
        }
        PyList_SET_ITEM(clauses, i - 1, clause);
    }
    return make_with(walk, C_COND, node, clauses);
}

static PyObject *pattern(const Walk *walk, TSNode node, int budget);

/* A pattern of `match` (Lowerer.pattern and collection_pattern): `_`, a variable, a bare
 * constructor, `(Ctor pattern ...)`, `[pattern ...]` without a rest pattern, a literal. */
static PyObject *pattern(const Walk *walk, TSNode node, int budget) {
    if (!sound(walk, node)) {
        return NOT_PLAIN();
    }
    int kind = kind_of(node);
    if (kind == K_SYMBOL) {
        char first = first_byte(walk, node);
        if ((unsigned char)first >= 0x80) {
            return NOT_PLAIN(); /* str.isupper() of a non-ASCII letter: lower.py decides */
        }
        if (first == '_' && ts_node_end_byte(node) - ts_node_start_byte(node) == 1) {
            return make(walk, C_PWILDCARD, node, NULL, NULL, NULL, NULL);
        }
        if (first >= 'A' && first <= 'Z') {
            PyObject *name = make(walk, C_NAME, node, strict_text(walk, node, 0), NULL, NULL, NULL);
            return make(walk, C_PCONSTRUCTOR, node, name, PyList_New(0), Py_NewRef(Py_True), NULL);
        }
        return make(walk, C_PVAR, node, make(walk, C_BINDER, node, strict_text(walk, node, 0), NULL, NULL, NULL),
                    NULL, NULL, NULL);
    }
    if (kind == K_LIST || kind == K_VECTOR) {
        Children parts;
        if (budget <= 0) {
            return NOT_PLAIN(); /* lower.py reports it */
        }
        if (collect(node, &parts, 1) < 0) {
            return NULL;
        }
        PyObject *result = NOT_PLAIN();
        if (kind == K_LIST && parts.count > 0 && kind_of(parts.items[0]) == K_SYMBOL && sound(walk, parts.items[0]) &&
            first_byte(walk, parts.items[0]) >= 'A' && first_byte(walk, parts.items[0]) <= 'Z') {
            PyObject *args = each(walk, &parts, 1, budget - 1, pattern);
            Py_SETREF(result, FAILED(args) ? args
                                            : make(walk, C_PCONSTRUCTOR, node,
                                                   make(walk, C_NAME, parts.items[0], text_of(walk, parts.items[0], 0),
                                                        NULL, NULL, NULL),
                                                   args, Py_NewRef(Py_False), NULL));
        } else if (kind == K_VECTOR) {
            int rest = 0;
            for (uint32_t i = 0; i < parts.count; i++) {
                rest = rest || (kind_of(parts.items[i]) == K_SYMBOL && starts_with_dots(walk, parts.items[i]));
            }
            if (!rest) {
                PyObject *items = each(walk, &parts, 0, budget - 1, pattern);
                Py_SETREF(result, FAILED(items) ? items : make(walk, C_PLIST, node, items, Py_NewRef(Py_None), NULL, NULL));
            }
        }
        release(&parts);
        return result;
    }
    if (kind == K_INTEGER || kind == K_FLOAT || kind == K_STRING || kind == K_BOOLEAN || kind == K_NIL ||
        kind == K_KEYWORD) {
        PyObject *literal = build(walk, node, budget);
        return FAILED(literal) ? literal : make(walk, C_PLITERAL, node, literal, NULL, NULL, NULL);
    }
    return NOT_PLAIN();
}

/* (match subject (pattern body ...) ...), clauses in parentheses. */
static PyObject *build_match(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count < 2) {
        return NOT_PLAIN();
    }
    PyObject *subject = build(walk, forms->items[1], budget);
    PyObject *clauses = FAILED(subject) ? NULL : PyList_New(forms->count - 2);
    for (uint32_t i = 2; clauses != NULL && i < forms->count; i++) {
        TSNode item = forms->items[i];
        Children parts;
        PyObject *clause;
        if (kind_of(item) != K_LIST || !sound(walk, item)) {
            clause = NOT_PLAIN(); /* a [pattern body] clause: lower.py records its rewrite */
        } else if (collect(item, &parts, 1) < 0) {
            clause = NULL;
        } else {
            PyObject *head = parts.count >= 2 ? pattern(walk, parts.items[0], budget) : NOT_PLAIN();
            PyObject *body = FAILED(head) ? NULL : build_all(walk, &parts, 1, budget);
            if (FAILED(head) || FAILED(body)) {
                clause = FAILED(head) ? head : body;
                Py_XDECREF(FAILED(head) ? body : head);
            } else {
                clause = make(walk, C_MATCH_CLAUSE, item, head, body, NULL, NULL);
            }
            release(&parts);
        }
        if (FAILED(clause)) {
            Py_DECREF(clauses);
            clauses = clause;
            break;
        }
        PyList_SET_ITEM(clauses, i - 2, clause);
    }
    if (FAILED(subject) || FAILED(clauses)) {
        PyObject *failed = FAILED(subject) ? subject : clauses;
        Py_XDECREF(FAILED(subject) ? clauses : subject);
        return failed;
    }
    return make(walk, C_MATCH, node, subject, clauses, NULL, NULL);
}

static PyObject *datum(const Walk *walk, TSNode node, int budget);

/* Quoted data (Lowerer.datum): a symbol, a literal, a list, vector or even map of data. */
static PyObject *datum(const Walk *walk, TSNode node, int budget) {
    if (!sound(walk, node)) {
        return NOT_PLAIN();
    }
    int kind = kind_of(node);
    if (kind == K_SYMBOL) {
        return make(walk, C_QUOTED_SYMBOL, node, strict_text(walk, node, 0), NULL, NULL, NULL);
    }
    if (kind != K_LIST && kind != K_VECTOR && kind != K_MAP) {
        return kind == K_QUOTE ? NOT_PLAIN() : build(walk, node, budget); /* a literal, as Lowerer.literal */
    }
    Children items;
    if (budget <= 0) {
        return NOT_PLAIN(); /* nested too deeply: lower.py reports it */
    }
    if (collect(node, &items, 1) < 0) {
        return NULL;
    }
    PyObject *result = kind == K_MAP && items.count % 2
                           ? NOT_PLAIN()
                           : make_with(walk, kind == K_MAP ? C_QUOTED_MAP : C_QUOTED_LIST, node,
                                       each(walk, &items, 0, budget - 1, datum));
    release(&items);
    return result;
}

/* One item of `data` after the name: a type variable (before any constructor) or
 * `(Ctor type ...)`, appended to its list. 1, 0 when not plain, -1 on error. */
static int data_item(const Walk *walk, TSNode item, int budget, PyObject *type_vars, PyObject *ctors) {
    PyObject *made, *into;
    if (kind_of(item) == K_SYMBOL && PyList_GET_SIZE(ctors) == 0) {
        made = binder(walk, item);
        into = type_vars;
    } else if (kind_of(item) == K_LIST && sound(walk, item)) {
        Children parts;
        if (collect(item, &parts, 1) < 0) {
            return -1;
        }
        PyObject *ctor = parts.count ? binder(walk, parts.items[0]) : NOT_PLAIN();
        PyObject *fields = FAILED(ctor) ? NULL : each(walk, &parts, 1, budget, datum);
        if (FAILED(ctor)) {
            made = ctor;
        } else if (FAILED(fields)) {
            Py_DECREF(ctor);
            made = fields;
        } else {
            made = make(walk, C_CTOR_DEF, item, ctor, fields, NULL, NULL);
        }
        release(&parts);
        into = ctors;
    } else {
        return 0;
    }
    if (FAILED(made)) {
        Py_XDECREF(made);
        return made == NULL ? -1 : 0;
    }
    int status = PyList_Append(into, made);
    Py_DECREF(made);
    return status < 0 ? -1 : 1;
}

/* (data Name tvar ... (Ctor type ...) ...). */
static PyObject *build_data(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count < 2) {
        return NOT_PLAIN();
    }
    PyObject *name = binder(walk, forms->items[1]);
    if (FAILED(name)) {
        return name;
    }
    PyObject *type_vars = PyList_New(0), *ctors = PyList_New(0);
    int status = type_vars && ctors ? 1 : -1;
    for (uint32_t i = 2; status == 1 && i < forms->count; i++) {
        status = data_item(walk, forms->items[i], budget, type_vars, ctors);
    }
    if (status != 1) {
        Py_DECREF(name);
        Py_XDECREF(type_vars);
        Py_XDECREF(ctors);
        return status < 0 ? NULL : NOT_PLAIN();
    }
    return make(walk, C_DATA, node, name, type_vars, ctors, NULL);
}

/* One `:clause value` of a contract, its clause one lower.py knows. */
static PyObject *contract_clause(const Walk *walk, TSNode key, TSNode value_node, int budget) {
    if (kind_of(key) != K_KEYWORD || !sound(walk, key)) {
        return NOT_PLAIN();
    }
    PyObject *name = strict_text(walk, key, 1);
    int known = name ? PySet_Contains(contract_clauses, name) : -1;
    if (known <= 0) {
        Py_XDECREF(name);
        return known < 0 ? NULL : NOT_PLAIN(); /* lower.py warns about an unknown clause */
    }
    PyObject *value = build(walk, value_node, budget);
    if (FAILED(value)) {
        Py_DECREF(name);
        return value;
    }
    return make_at(walk, C_CONTRACT_CLAUSE, ts_node_start_byte(key), ts_node_end_byte(value_node), name, value, NULL,
                   NULL);
}

/* (spec:contract fname :clause value ...). */
static PyObject *build_contract(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count < 2 || kind_of(forms->items[1]) != K_SYMBOL || !sound(walk, forms->items[1]) ||
        (forms->count - 2) % 2) {
        return NOT_PLAIN();
    }
    PyObject *clauses = PyList_New((forms->count - 2) / 2);
    for (uint32_t i = 2; clauses != NULL && i + 1 < forms->count; i += 2) {
        PyObject *clause = contract_clause(walk, forms->items[i], forms->items[i + 1], budget);
        if (FAILED(clause)) {
            Py_DECREF(clauses);
            return clause;
        }
        PyList_SET_ITEM(clauses, (i - 2) / 2, clause);
    }
    if (clauses == NULL) {
        return NULL;
    }
    TSNode target = forms->items[1];
    return make(walk, C_CONTRACT, node, make(walk, C_NAME, target, text_of(walk, target, 0), NULL, NULL, NULL), clauses,
                NULL, NULL);
}

/* Which special form a head names: S_NONE for a call, S_OTHER for one lower.py lowers
 * (another special form, an earlier spelling) or on any error. */
static enum special special_form(PyObject *name) {
    int found = PySet_Contains(special_heads, name);
    if (found == 0) {
        return S_NONE;
    }
    const char *utf8 = found > 0 ? PyUnicode_AsUTF8(name) : NULL;
    for (size_t i = 0; utf8 != NULL && i < sizeof SPECIALS / sizeof SPECIALS[0]; i++) {
        if (strcmp(utf8, SPECIALS[i].name) == 0) {
            return SPECIALS[i].form;
        }
    }
    PyErr_Clear();
    return S_OTHER;
}


/* A list: a special form lowered here, a call, or the empty list. */
static PyObject *build_list(const Walk *walk, TSNode node, const Children *forms, int budget) {
    if (forms->count == 0) {
        return make(walk, C_LIST, node, PyList_New(0), NULL, NULL, NULL);
    }
    TSNode head = forms->items[0];
    PyObject *callee = NULL;
    if (kind_of(head) == K_SYMBOL && sound(walk, head)) {
        PyObject *name = text_of(walk, head, 0);
        if (name == NULL) {
            return NULL;
        }
        PyObject *result;
        switch ((int)special_form(name)) {
        case S_NONE:
            callee = make(walk, C_NAME, head, name, NULL, NULL, NULL);
            if (callee == NULL) {
                return NULL;
            }
            result = NULL;
            break;
        case S_DEFINE: result = build_define(walk, node, forms, budget); break;
        case S_LAMBDA: result = build_lambda(walk, node, forms, budget); break;
        case S_IF: result = build_if(walk, node, forms, budget); break;
        case S_LET: result = build_let(walk, node, name, forms, budget); break;
        case S_WHEN: result = build_when(walk, node, forms, 0, budget); break;
        case S_UNLESS: result = build_when(walk, node, forms, 1, budget); break;
        case S_DO: result = make_with(walk, C_DO, node, build_all(walk, forms, 1, budget)); break;
        case S_AND: result = make_with(walk, C_AND, node, build_all(walk, forms, 1, budget)); break;
        case S_OR: result = make_with(walk, C_OR, node, build_all(walk, forms, 1, budget)); break;
        case S_COND: result = build_cond(walk, node, forms, budget); break;
        case S_MATCH: result = build_match(walk, node, forms, budget); break;
        case S_DATA: result = build_data(walk, node, forms, budget); break;
        case S_CONTRACT: result = build_contract(walk, node, forms, budget); break;
        default: result = NOT_PLAIN(); break;
        }
        if (callee == NULL) {
            Py_DECREF(name);
            return result;
        }
    } else {
        callee = build(walk, head, budget);
        if (FAILED(callee)) {
            return callee;
        }
    }
    PyObject *args = build_all(walk, forms, 1, budget);
    if (FAILED(args)) {
        Py_DECREF(callee);
        return args;
    }
    return make(walk, C_CALL, node, callee, args, NULL, NULL);
}

/* A string without escapes: quotes around at most one piece of content. */
static PyObject *build_string(const Walk *walk, TSNode node) {
    Children parts;
    if (collect(node, &parts, 0) < 0) {
        return NULL;
    }
    PyObject *value = NULL;
    int pieces = 0, plain = 1;
    for (uint32_t i = 0; i < parts.count; i++) {
        TSNode part = parts.items[i];
        if (kind_of(part) == K_CONTENT && sound(walk, part)) {
            pieces++;
            Py_XSETREF(value, text_of(walk, part, 0));
        } else if (ts_node_is_named(part) || ts_node_is_missing(part)) {
            plain = 0; /* an escape sequence */
        }
    }
    release(&parts);
    if (!plain || pieces > 1 || PyErr_Occurred()) {
        Py_XDECREF(value);
        return PyErr_Occurred() ? NULL : NOT_PLAIN();
    }
    return make(walk, C_STR, node, value ? value : PyUnicode_New(0, 0), NULL, NULL, NULL);
}

/* The AST of `node`, as `Lowerer.expr` makes it, when it is plain. */
static PyObject *build(const Walk *walk, TSNode node, int budget) {
    if (!sound(walk, node)) {
        return NOT_PLAIN();
    }
    const char *text = walk->text + (ts_node_start_byte(node) - walk->base);
    Py_ssize_t length = ts_node_end_byte(node) - ts_node_start_byte(node);
    long long value = 0;
    int kind = kind_of(node);
    switch (kind) {
    case K_SYMBOL:
        return make(walk, C_NAME, node, text_of(walk, node, 0), NULL, NULL, NULL);
    case K_KEYWORD: /* the name without its ':' */
        return make(walk, C_KEYWORD, node, text_of(walk, node, 1), NULL, NULL, NULL);
    case K_NIL:
        return make(walk, C_NIL, node, NULL, NULL, NULL, NULL);
    case K_BOOLEAN: {
        int truth = (length == 2 && memcmp(text, "#t", 2) == 0) || (length == 4 && memcmp(text, "true", 4) == 0);
        return make(walk, C_BOOL, node, PyBool_FromLong(truth), NULL, NULL, NULL);
    }
    case K_INTEGER:
        if (!small_integer(text, length, &value)) {
            return NOT_PLAIN(); /* int() of a long literal, and its errors, are lower.py's */
        }
        return make(walk, C_INT, node, PyLong_FromLongLong(value), NULL, NULL, NULL);
    case K_FLOAT: {
        if (!is_ascii(text, length)) {
            return NOT_PLAIN();
        }
        PyObject *source = text_of(walk, node, 0);
        PyObject *number = source ? PyFloat_FromString(source) : NULL;
        Py_XDECREF(source);
        return make(walk, C_FLOAT, node, number, NULL, NULL, NULL);
    }
    case K_STRING:
        return build_string(walk, node);
    case K_LIST:
    case K_VECTOR:
    case K_MAP: {
        Children forms;
        if (budget <= 0) {
            return NOT_PLAIN(); /* nested too deeply: lower.py reports it */
        }
        if (collect(node, &forms, 1) < 0) {
            return NULL;
        }
        PyObject *result;
        if (kind == K_LIST) {
            result = build_list(walk, node, &forms, budget - 1);
        } else if (kind == K_MAP && forms.count % 2) {
            result = NOT_PLAIN(); /* a key without a value: lower.py reports it */
        } else {
            result = make_with(walk, kind == K_MAP ? C_MAP : C_LIST, node, build_all(walk, &forms, 0, budget - 1));
        }
        release(&forms);
        return result;
    }
    default:
        return NOT_PLAIN(); /* a quote, an ERROR */
    }
}

/* lower(node, anchor, base, budget) -> the AST of `node`, or None when it is not plain. */
static PyObject *lower(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "lower(node, anchor, base, budget)");
        return NULL;
    }
    if (node_type == NULL || !Py_IS_TYPE(args[0], node_type)) {
        Py_RETURN_NONE; /* a stand-in node (recovery.Unfinished) */
    }
    TSNode node = ((TsNodeObject *)args[0])->node;
    Py_ssize_t base = PyLong_AsSsize_t(args[2]);
    long budget = PyLong_AsLong(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (node.tree == NULL || ts_tree_language(node.tree) != language || base < 0 || base > UINT32_MAX) {
        Py_RETURN_NONE;
    }
    PyObject *text = PyObject_GetAttr(args[1], str_text);
    if (text == NULL) {
        return NULL;
    }
    if (!PyBytes_Check(text) || PyBytes_GET_SIZE(text) > UINT32_MAX) {
        Py_DECREF(text);
        Py_RETURN_NONE;
    }
    Walk walk = {PyBytes_AS_STRING(text), (uint32_t)PyBytes_GET_SIZE(text), (uint32_t)base, args[1]};
    PyObject *result = build(&walk, node, budget < 0 ? 0 : (budget > MAX_BUDGET ? MAX_BUDGET : (int)budget));
    Py_DECREF(text);
    if (result == NULL && !PyErr_ExceptionMatches(PyExc_MemoryError)) {
        PyErr_Clear(); /* lower.py meets whatever failed, and reports it where it does */
        Py_RETURN_NONE;
    }
    return result;
}

/* lower_each(nodes, anchor, base, budget) -> list: `lower` of each node of the list `nodes`
 * (None where it declines), in one call: a list that an unclosed `"` stretched to the end
 * of the file has thousands of children, and a Python call and step per child cost more
 * than lowering it. */
static PyObject *lower_each(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "lower_each(nodes, anchor, base, budget)");
        return NULL;
    }
    Py_ssize_t base = PyLong_AsSsize_t(args[2]);
    long budget = PyLong_AsLong(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *nodes = PySequence_Fast(args[0], "lower_each() takes a sequence of nodes");
    PyObject *text = nodes == NULL ? NULL : PyObject_GetAttr(args[1], str_text);
    if (text == NULL) {
        Py_XDECREF(nodes);
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(nodes);
    PyObject *out = PyList_New(count);
    int usable = PyBytes_Check(text) && PyBytes_GET_SIZE(text) <= UINT32_MAX && base >= 0 && base <= UINT32_MAX;
    Walk walk = {usable ? PyBytes_AS_STRING(text) : NULL, usable ? (uint32_t)PyBytes_GET_SIZE(text) : 0, (uint32_t)base,
                 args[1]};
    int limit = budget < 0 ? 0 : (budget > MAX_BUDGET ? MAX_BUDGET : (int)budget);
    for (Py_ssize_t i = 0; out != NULL && i < count; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(nodes, i);
        PyObject *lowered = NULL;
        if (usable && node_type != NULL && Py_IS_TYPE(item, node_type)) {
            TSNode node = ((TsNodeObject *)item)->node;
            if (node.tree != NULL && ts_tree_language(node.tree) == language) {
                lowered = build(&walk, node, limit);
            }
            if (lowered == NULL && PyErr_Occurred()) {
                if (PyErr_ExceptionMatches(PyExc_MemoryError)) {
                    Py_CLEAR(out);
                    break;
                }
                PyErr_Clear(); /* as `lower`: lower.py meets whatever failed */
            }
        }
        PyList_SET_ITEM(out, i, lowered == NULL ? Py_NewRef(Py_None) : lowered);
    }
    Py_DECREF(text);
    Py_DECREF(nodes);
    return out;
}

/* ------------------------------------------------------------------ units
 *
 * `scan_units` is `document.unit_nodes` and `untouched_ends`, for a keystroke in a big
 * file: which units at the start and at the end of the document an edit left as they
 * were, the forms an unclosed bracket swallowed included. In Python it touched two
 * py-tree-sitter Nodes and several attributes per unit: O(units) Python steps per
 * keystroke. Here it is O(units) C steps: `bind_units`
 * reads where the slots of `Unit`, `Anchor` and `Position` are, and a unit after the edit
 * is moved by writing its anchor's `base_byte` and `base` slots, which is all
 * `Anchor.move` does (a new Position only when lines moved). */

static PyTypeObject *unit_cls = NULL, *anchor_cls = NULL, *position_cls = NULL;
static Py_ssize_t off_key, off_unit_anchor, off_forms, off_diagnostics, off_rewrites;
static Py_ssize_t off_base_byte, off_anchor_text, off_base, off_breaks, off_line, off_col, off_col16;
static PyObject *unit_names[K_COUNT + 1]; /* node.type of each unit code */

/* bind_units(Unit, Anchor, Position): where their slots are (once). */
static PyObject *bind_units(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *unit, *anchor, *position;
    if (!PyArg_ParseTuple(args, "O!O!O!:bind_units", &PyType_Type, &unit, &PyType_Type, &anchor, &PyType_Type,
                          &position)) {
        return NULL;
    }
    if (slot_offset(unit, "key", &off_key) < 0 || slot_offset(unit, "anchor", &off_unit_anchor) < 0 ||
        slot_offset(unit, "forms", &off_forms) < 0 || slot_offset(unit, "diagnostics", &off_diagnostics) < 0 ||
        slot_offset(unit, "rewrites", &off_rewrites) < 0 || slot_offset(anchor, "base_byte", &off_base_byte) < 0 ||
        slot_offset(anchor, "text", &off_anchor_text) < 0 || slot_offset(anchor, "base", &off_base) < 0 ||
        slot_offset(anchor, "_breaks", &off_breaks) < 0 || slot_offset(position, "line", &off_line) < 0 ||
        slot_offset(position, "col", &off_col) < 0 || slot_offset(position, "col16", &off_col16) < 0) {
        return NULL;
    }
    for (int k = 1; k <= K_COUNT; k++) {
        const char *name = k == UNIT_ERROR ? "ERROR" : KIND_NAMES[k];
        if (unit_names[k] == NULL && (unit_names[k] = PyUnicode_InternFromString(name)) == NULL) {
            return NULL;
        }
    }
    Py_XSETREF(unit_cls, (PyTypeObject *)Py_NewRef(unit));
    Py_XSETREF(anchor_cls, (PyTypeObject *)Py_NewRef(anchor));
    Py_XSETREF(position_cls, (PyTypeObject *)Py_NewRef(position));
    Py_RETURN_NONE;
}

/* The type of a unit node by name (0 for a node that is not a unit): equal codes, equal
 * `node.type`. */
static inline int unit_code(TSNode node) {
    TSSymbol symbol = ts_node_symbol(node);
    return symbol == (TSSymbol)-1 ? UNIT_ERROR : (symbol < MAX_SYMBOLS ? unit_symbol[symbol] : 0);
}

/* What the next keystroke compares of a top-level unit node, kept per Module (`tops`): one
 * record per unit node of its tree, in order. */
typedef struct {
    uint32_t start, end;
    uint8_t code, error;
    uint8_t pad[2];
} Top;

static Top top_of(TSNode node) {
    Top top = {ts_node_start_byte(node), ts_node_end_byte(node), (uint8_t)unit_code(node),
               (uint8_t)ts_node_has_error(node), {0, 0}};
    return top;
}

/* Whether the node is the old top-level node `old` at `delta` bytes further, both without
 * errors: then the unit lowered from `old` is the lowering of `node` (same_unit). */
static inline int same_top(const Top *old, const Top *node, Py_ssize_t delta) {
    return !old->error && !node->error && old->code == node->code && (Py_ssize_t)node->start - delta == old->start &&
           node->end - node->start == old->end - old->start;
}

/* The anchor of a Unit whose slots are filled as document.py fills them; else NULL with
 * TypeError set. */
static PyObject *anchor_of(PyObject *unit) {
    PyObject *anchor = Py_IS_TYPE(unit, unit_cls) ? SLOT(unit, off_unit_anchor) : NULL;
    if (anchor == NULL || !Py_IS_TYPE(anchor, anchor_cls) || SLOT(unit, off_key) == NULL ||
        SLOT(anchor, off_base_byte) == NULL || SLOT(anchor, off_base) == NULL ||
        SLOT(anchor, off_anchor_text) == NULL || !PyBytes_Check(SLOT(anchor, off_anchor_text))) {
        PyErr_SetString(PyExc_TypeError, "scan_units() takes a list of filled Units");
        return NULL;
    }
    return anchor;
}

/* document.same_unit: whether `unit` (at `old_start` before the edit) is the lowering of
 * `node`: 1, 0, or -1 with an exception set. */
static int same_unit(const Top *node, PyObject *unit, Py_ssize_t old_start) {
    PyObject *anchor = anchor_of(unit);
    if (anchor == NULL) {
        return -1;
    }
    PyObject *key = SLOT(unit, off_key);
    if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 4 || node->error ||
        PyBytes_GET_SIZE(SLOT(anchor, off_anchor_text)) != (Py_ssize_t)(node->end - node->start)) {
        return 0;
    }
    Py_ssize_t start = PyLong_AsSsize_t(SLOT(anchor, off_base_byte));
    if (start == -1 && PyErr_Occurred()) {
        return -1;
    }
    PyObject *kind = PyTuple_GET_ITEM(key, 0);
    if (start != old_start || !PyUnicode_Check(kind) ||
        PyUnicode_CompareWithASCIIString(kind, node->code == UNIT_ERROR ? "ERROR" : KIND_NAMES[node->code]) != 0) {
        return 0;
    }
    int error_key = PyObject_IsTrue(PyTuple_GET_ITEM(key, 3)); /* the tree shape of a unit with errors */
    return error_key < 0 ? -1 : !error_key;
}

/* `base`, `line_delta` lines further down (document.moved). */
static PyObject *moved(PyObject *base, long line_delta) {
    if (!Py_IS_TYPE(base, position_cls) || SLOT(base, off_line) == NULL || SLOT(base, off_col) == NULL ||
        SLOT(base, off_col16) == NULL) {
        PyErr_SetString(PyExc_TypeError, "an anchor's base is not a filled Position");
        return NULL;
    }
    PyObject *delta = PyLong_FromLong(line_delta);
    PyObject *line = delta ? PyNumber_Add(SLOT(base, off_line), delta) : NULL;
    PyObject *position = line ? position_cls->tp_alloc(position_cls, 0) : NULL;
    Py_XDECREF(delta);
    if (position == NULL) {
        Py_XDECREF(line);
        return NULL;
    }
    SLOT(position, off_line) = line;
    SLOT(position, off_col) = Py_NewRef(SLOT(base, off_col));
    SLOT(position, off_col16) = Py_NewRef(SLOT(base, off_col16));
    return position;
}

/* A unit after the edit, already the same as `node`'s: if the text before it on its line
 * is the same too, its anchor is moved to `start` and 1 returned; else 0; -1 on error.
 * The text before it is the unit's key[2], the same in the last version (document.py
 * reuses a unit only with the text before it unchanged); when that text and the line
 * break before it lie after the edit (`new_end`), it is unchanged without comparing. */
static int move_tail_unit(PyObject *unit, const char *data, Py_ssize_t size, PyObject *line_start_at,
                          Py_ssize_t start, Py_ssize_t new_end, long line_delta) {
    /* the line start, looked for back from `start` down to the edit (a unit in column 0
     * follows its line break), else asked of the line index (LineIndex.line_start_at) */
    Py_ssize_t line_start = start;
    while (line_start > new_end && line_start <= size && data[line_start - 1] != '\n' && data[line_start - 1] != '\r') {
        line_start--;
    }
    if (line_start - 2 < new_end) {
        PyObject *found = PyObject_CallFunction(line_start_at, "n", start);
        line_start = found == NULL ? -1 : PyLong_AsSsize_t(found);
        Py_XDECREF(found);
        if (line_start == -1 && PyErr_Occurred()) {
            return -1;
        }
    }
    PyObject *anchor = Py_IS_TYPE(unit, unit_cls) ? SLOT(unit, off_unit_anchor) : NULL;
    PyObject *key = anchor ? SLOT(unit, off_key) : NULL;
    if (anchor == NULL || key == NULL || !Py_IS_TYPE(anchor, anchor_cls) || SLOT(anchor, off_base) == NULL ||
        SLOT(anchor, off_base_byte) == NULL) {
        PyErr_SetString(PyExc_TypeError, "scan_units() takes a list of filled Units");
        return -1;
    }
    if (line_start > start || start > size || !PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 4) {
        return 0;
    }
    if (line_start - 2 < new_end) { /* the edit may have changed the text before it */
        PyObject *prefix = PyTuple_GET_ITEM(key, 2);
        if (!PyBytes_Check(prefix) || PyBytes_GET_SIZE(prefix) != start - line_start ||
            memcmp(PyBytes_AS_STRING(prefix), data + line_start, start - line_start) != 0) {
            return 0;
        }
    }
    PyObject *base_byte = PyLong_FromSsize_t(start);
    PyObject *base = line_delta == 0 ? Py_NewRef(SLOT(anchor, off_base)) : moved(SLOT(anchor, off_base), line_delta);
    if (base_byte == NULL || base == NULL) {
        Py_XDECREF(base_byte);
        Py_XDECREF(base);
        return -1;
    }
    Py_SETREF(SLOT(anchor, off_base_byte), base_byte);
    Py_SETREF(SLOT(anchor, off_base), base);
    return 1;
}

/* The units an edit left at the start (`head`) and at the end (`tail`) of `previous`,
 * comparing the new tree's top-level nodes `nodes` with the last version's `tops` when
 * given (no unit touched but those after the edit, to move them), else with the units
 * themselves. Those after the edit are moved. -1 on error. */
static int untouched(const Top *nodes, uint32_t count, PyObject *previous, const Top *tops, Py_ssize_t top_count,
                     const char *data, Py_ssize_t size, PyObject *line_start_at, Py_ssize_t shift_start, Py_ssize_t old_end,
                     Py_ssize_t delta, long line_delta, Py_ssize_t *head, Py_ssize_t *tail) {
    Py_ssize_t units = PyList_GET_SIZE(previous);
    Py_ssize_t limit = count < units ? count : units;
    Py_ssize_t new_end = old_end + delta;
    int status = 1;
    *head = *tail = 0;
    while (*head < limit && (Py_ssize_t)nodes[*head].end <= shift_start) {
        const Top *node = &nodes[*head];
        status = tops ? (*head < top_count && same_top(&tops[*head], node, 0))
                      : same_unit(node, PyList_GET_ITEM(previous, *head), node->start);
        if (status != 1) {
            break;
        }
        (*head)++;
    }
    while (status >= 0 && *tail < limit - *head) {
        const Top *node = &nodes[count - 1 - *tail];
        PyObject *unit = PyList_GET_ITEM(previous, units - 1 - *tail);
        if ((Py_ssize_t)node->start < new_end) {
            break;
        }
        status = tops ? (*tail < top_count && same_top(&tops[top_count - 1 - *tail], node, delta))
                      : same_unit(node, unit, (Py_ssize_t)node->start - delta);
        if (status == 1) {
            status = move_tail_unit(unit, data, size, line_start_at, node->start, new_end, line_delta);
        }
        if (status != 1) {
            break;
        }
        (*tail)++;
    }
    return status < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ hoisting
 *
 * `document.unit_nodes` in C: an unclosed bracket makes tree-sitter put every later form
 * of the file inside it; those forms become units of their own (the unclosed node's own
 * unit ending at `cut`), so that a keystroke inside the broken form finds them among the
 * units after the edit, compares them as records and moves them here, instead of a
 * Python step per hoisted unit. */

#define NO_CUT UINT32_MAX /* a unit that is the whole node */

typedef struct {
    TSNode node;
    uint32_t cut; /* where the node's own unit ends, or NO_CUT */
} UnitNode;

typedef struct {
    UnitNode *items;
    Top *tops; /* the record of each, for `untouched` and the next keystroke */
    size_t count, capacity;
} UnitNodes;

/* Append `node` (with `cut`) to `nodes`, and its record to `tops`: 0, or -1 with
 * MemoryError set. The record is made here, while the node's subtree is in the cache. */
static int push_unit(UnitNodes *nodes, TSNode node, uint32_t cut) {
    if (nodes->count == nodes->capacity) {
        size_t capacity = nodes->capacity ? nodes->capacity * 2 : 64;
        UnitNode *grown = PyMem_Realloc(nodes->items, capacity * sizeof(UnitNode));
        Top *grown_tops = grown == NULL ? NULL : PyMem_Realloc(nodes->tops, capacity * sizeof(Top));
        if (grown_tops == NULL) {
            if (grown != NULL) {
                nodes->items = grown;
            }
            PyErr_NoMemory();
            return -1;
        }
        nodes->items = grown;
        nodes->tops = grown_tops;
        nodes->capacity = capacity;
    }
    nodes->items[nodes->count].node = node;
    nodes->items[nodes->count].cut = cut;
    nodes->tops[nodes->count++] = top_of(node);
    return 0;
}

/* lower.is_unclosed for a collection: its closing bracket was inserted by error recovery. */
static int is_unclosed(TSNode node) {
    int kind = kind_of(node);
    uint32_t count = ts_node_child_count(node);
    return (kind == K_LIST || kind == K_VECTOR || kind == K_MAP) && count &&
           ts_node_is_missing(ts_node_child(node, count - 1));
}

/* lower.split_unclosed: along the chain of unclosed collections from `node`, the first
 * form child in column 0 on a later line. 1 if found: `*forms` holds the form children of
 * the collection holding it (to release) and `*cut` its index; 0 if not; -1 with
 * MemoryError set. */
static int split_unclosed(TSNode node, Children *forms, uint32_t *cut) {
    uint32_t first_row = ts_node_start_point(node).row;
    TSNode current = node;
    while (is_unclosed(current)) {
        if (collect(current, forms, 1) < 0) {
            return -1;
        }
        for (uint32_t i = 0; i < forms->count; i++) {
            TSPoint point = ts_node_start_point(forms->items[i]);
            if (point.column == 0 && point.row > first_row) {
                *cut = i;
                return 1;
            }
        }
        TSNode last = forms->count ? forms->items[forms->count - 1] : current;
        release(forms);
        if (ts_node_eq(last, current)) {
            return 0;
        }
        current = last;
    }
    return 0;
}

static void free_units(UnitNodes *nodes) {
    PyMem_Free(nodes->items);
    PyMem_Free(nodes->tops);
    nodes->items = NULL;
    nodes->tops = NULL;
}

/* A collection's children still to look at, in `unit_nodes`: those from `next` on. */
typedef struct {
    Children children;
    uint32_t next;
    int errors;       /* whether its ERROR children are units (the root's are; hoisted ones are not) */
    int inline_items; /* `children.items` is `children.small` (to point at again when moved) */
} Level;

/* Twice the room for levels: 0, or -1 with MemoryError set. A level whose children are in
 * their inline buffer points to it again after the move. */
static int grow_levels(Level **levels, size_t *capacity) {
    Level *grown = PyMem_Realloc(*levels, sizeof(Level) * *capacity * 2);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < *capacity; i++) {
        if (grown[i].inline_items) {
            grown[i].children.items = grown[i].children.small;
        }
    }
    *levels = grown;
    *capacity *= 2;
    return 0;
}

/* The unit nodes of a tree whose root is `root` (not an ERROR), in document order, as
 * document.unit_nodes makes them from the root's unit children: after a node cut short,
 * the forms of the collection holding the cut from the cut on (document.hoisted_after),
 * each a unit node in turn. One pass in order: a stack of the collections whose children
 * are being looked at (a level left with nothing to look at is dropped before the next is
 * pushed, so a chain of unclosed brackets holds one). 0, or -1 with an exception set
 * (`nodes` is then freed). O(units + the children of the unclosed collections on the way). */
static int unit_nodes(TSNode root, UnitNodes *nodes) {
    Level *levels = PyMem_Malloc(sizeof(Level) * 4);
    size_t depth = 0, capacity = 4;
    int status = levels == NULL ? -1 : collect(root, &levels[0].children, 0);
    nodes->items = NULL;
    nodes->tops = NULL;
    nodes->count = nodes->capacity = 0;
    if (status == 0) {
        levels[0].next = 0;
        levels[0].errors = 1;
        levels[0].inline_items = levels[0].children.items == levels[0].children.small;
        depth = 1;
    } else if (levels == NULL) {
        PyErr_NoMemory();
    }
    while (status == 0 && depth) {
        Level *level = &levels[depth - 1];
        if (level->next == level->children.count) {
            release(&level->children);
            depth--;
            continue;
        }
        TSNode node = level->children.items[level->next++];
        int code = unit_code(node);
        if (!(code == UNIT_ERROR ? level->errors : code != 0)) {
            continue;
        }
        Children forms;
        uint32_t cut = 0;
        int split = code != UNIT_ERROR && ts_node_has_error(node) ? split_unclosed(node, &forms, &cut) : 0;
        status = split < 0 ? -1 : push_unit(nodes, node, split ? ts_node_start_byte(forms.items[cut]) : NO_CUT);
        if (split <= 0) {
            continue;
        }
        if (status == 0 && level->next == level->children.count) {
            release(&level->children); /* nothing left here: the hoisted forms take its place */
            depth--;
        } else if (status == 0 && depth == capacity) {
            status = grow_levels(&levels, &capacity);
        }
        if (status < 0) {
            release(&forms);
            break;
        }
        levels[depth].children = forms;
        levels[depth].inline_items = forms.items == forms.small;
        if (levels[depth].inline_items) { /* the inline buffer moved with the struct */
            levels[depth].children.items = levels[depth].children.small;
        }
        levels[depth].next = cut;
        levels[depth].errors = 0;
        depth++;
    }
    while (depth) {
        release(&levels[--depth].children);
    }
    PyMem_Free(levels);
    if (status < 0) {
        free_units(nodes);
    }
    return status;
}

/* A py-tree-sitter Node for `node` of the tree `root` belongs to (as Node.child makes
 * them), with its unit's cut: (node, cut or None). */
static PyObject *unit_entry(PyObject *root, const UnitNode *unit) {
    TsNodeObject *node = PyObject_New(TsNodeObject, node_type);
    if (node == NULL) {
        return NULL;
    }
    node->node = unit->node;
    node->children = NULL;
    node->tree = Py_NewRef(((TsNodeObject *)root)->tree);
    if (unit->cut == NO_CUT) {
        return Py_BuildValue("(NO)", node, Py_None);
    }
    return Py_BuildValue("(NI)", node, unit->cut);
}

/* scan_units(root, previous, tops, data, line_start_at, shift) -> (head, tail, middle, after, tops)
 *
 * `root` is a tree's root node (not an ERROR), `previous` the last version's units and
 * `tops` its unit records (or None), `line_start_at` the new LineIndex.line_start_at (the
 * start of the line holding an offset, asked only near the edit) and `shift` None or
 * (start, old_end, delta, line_delta). The tree's units are document.unit_nodes' (forms
 * hoisted out of an unclosed bracket are units). head/tail: the untouched units at either
 * end (those after the edit are moved); middle: the (node, cut) of the units between them;
 * after: where the tail starts (else the end of `data`); tops: the records of this tree's
 * units, for the next edit. */
static PyObject *scan_units(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *previous, *tops, *line_start_at, *shift;
    const char *data;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "OO!Oy#OO:scan_units", &root, &PyList_Type, &previous, &tops, &data, &size,
                          &line_start_at, &shift)) {
        return NULL;
    }
    if (!PyCallable_Check(line_start_at)) {
        PyErr_SetString(PyExc_TypeError, "scan_units() takes a line_start_at callable");
        return NULL;
    }
    if (node_type == NULL || unit_cls == NULL || !Py_IS_TYPE(root, node_type) ||
        (tops != Py_None && (!PyBytes_Check(tops) || PyBytes_GET_SIZE(tops) % sizeof(Top)))) {
        PyErr_SetString(PyExc_TypeError, "scan_units() takes a bound tree_sitter.Node (after bind_units)");
        return NULL;
    }
    Py_ssize_t shift_start = 0, old_end = 0, delta = 0;
    long line_delta = 0;
    if (shift != Py_None && !PyArg_ParseTuple(shift, "nnnl", &shift_start, &old_end, &delta, &line_delta)) {
        return NULL;
    }
    UnitNodes units;
    if (unit_nodes(((TsNodeObject *)root)->node, &units) < 0) {
        return NULL;
    }
    Py_ssize_t count = (Py_ssize_t)units.count;
    PyObject *records = PyBytes_FromStringAndSize((const char *)units.tops, (Py_ssize_t)sizeof(Top) * count);
    if (records == NULL) {
        free_units(&units);
        return NULL;
    }
    const Top *nodes = units.tops;
    Py_ssize_t head = 0, tail = 0;
    int status = shift == Py_None ? 0
                                  : untouched(nodes, (uint32_t)count, previous,
                                              tops == Py_None ? NULL : (const Top *)PyBytes_AS_STRING(tops),
                                              tops == Py_None ? 0 : PyBytes_GET_SIZE(tops) / (Py_ssize_t)sizeof(Top),
                                              data, size, line_start_at, shift_start, old_end, delta, line_delta, &head, &tail);
    PyObject *middle = status < 0 ? NULL : PyList_New(count - head - tail);
    for (Py_ssize_t i = head; middle != NULL && i < count - tail; i++) {
        PyObject *entry = unit_entry(root, &units.items[i]);
        if (entry == NULL) {
            Py_CLEAR(middle);
            break;
        }
        PyList_SET_ITEM(middle, i - head, entry);
    }
    Py_ssize_t after = tail ? (Py_ssize_t)nodes[count - tail].start : size;
    free_units(&units);
    if (middle == NULL) {
        Py_DECREF(records);
        return NULL;
    }
    return Py_BuildValue("(nnNnN)", head, tail, middle, after, records);
}

/* ------------------------------------------------------------------ a fresh document
 *
 * `fresh_units` is `document.lower_middle` for a document parsed from scratch when no
 * top-level node has a syntax error: per unit its key, its Anchor and Position (slots
 * written as above) and its plain forms, in one call; the units whose form is not plain
 * come back as holes for lower.py. It declines (None) when a node has an error or a unit
 * does not start after ASCII on its line (LineIndex.position decodes those). */

/* A new object of a bound class with its slots `offsets` set to `values` (stolen). */
static PyObject *slotted(PyTypeObject *cls, int count, const Py_ssize_t *slot_offsets, PyObject **values) {
    int ok = 1;
    for (int i = 0; i < count; i++) {
        ok = ok && values[i] != NULL;
    }
    PyObject *obj = ok ? cls->tp_alloc(cls, 0) : NULL;
    for (int i = 0; i < count; i++) {
        if (obj == NULL) {
            Py_XDECREF(values[i]);
        } else {
            SLOT(obj, slot_offsets[i]) = values[i];
        }
    }
    return obj;
}

/* The Unit of an error-free top-level `node` whose line starts at `line_start` on `line`;
 * *plain tells whether its form was lowered. */
static PyObject *fresh_unit(PyObject *data_obj, TSNode node, Py_ssize_t line, Py_ssize_t line_start, int budget,
                            int *plain) {
    const char *data = PyBytes_AS_STRING(data_obj);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    PyObject *text = PyBytes_FromStringAndSize(data + start, end - start);
    PyObject *key_values[4] = {Py_XNewRef(unit_names[unit_code(node)]), Py_XNewRef(text),
                               PyBytes_FromStringAndSize(data + line_start, start - line_start), PyBytes_FromStringAndSize(NULL, 0)};
    int filled = key_values[0] && key_values[1] && key_values[2] && key_values[3];
    PyObject *key = filled ? PyTuple_New(4) : NULL;
    for (int i = 0; i < 4; i++) {
        if (key == NULL) {
            Py_XDECREF(key_values[i]);
        } else {
            PyTuple_SET_ITEM(key, i, key_values[i]);
        }
    }
    Py_ssize_t position_offsets[3] = {off_line, off_col, off_col16};
    PyObject *column = PyLong_FromSsize_t(start - line_start);
    PyObject *position_values[3] = {PyLong_FromSsize_t(line), Py_XNewRef(column), column};
    PyObject *position = slotted(position_cls, 3, position_offsets, position_values);
    Py_ssize_t anchor_offsets[4] = {off_anchor_text, off_base_byte, off_base, off_breaks};
    PyObject *anchor_values[4] = {text, PyLong_FromUnsignedLong(start), position, Py_NewRef(Py_None)};
    PyObject *anchor = slotted(anchor_cls, 4, anchor_offsets, anchor_values);
    PyObject *form = NULL;
    *plain = 0;
    if (anchor != NULL && key != NULL) {
        Walk walk = {PyBytes_AS_STRING(text), end - start, start, anchor};
        form = build(&walk, node, budget);
        if (form == NULL && !PyErr_ExceptionMatches(PyExc_MemoryError)) {
            PyErr_Clear(); /* lower.py meets it again */
            form = Py_NewRef(Py_None);
        }
        *plain = form != NULL && form != Py_None;
    }
    PyObject *forms = form == NULL ? NULL : *plain ? PyList_New(1) : PyList_New(0);
    if (forms != NULL && *plain) {
        PyList_SET_ITEM(forms, 0, Py_NewRef(form));
    }
    Py_XDECREF(form);
    Py_ssize_t unit_offsets[5] = {off_key, off_unit_anchor, off_forms, off_diagnostics, off_rewrites};
    PyObject *unit_values[5] = {key, anchor, forms, PyList_New(0), PyList_New(0)};
    return slotted(unit_cls, 5, unit_offsets, unit_values);
}

/* line_starts(data) -> span.line_starts(data): the byte offsets at which each line starts,
 * lines ending at \n, \r\n or \r; a break at the very end starts an empty last line. */
static PyObject *line_starts(PyObject *module, PyObject *arg) {
    (void)module;
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "line_starts() takes bytes");
        return NULL;
    }
    const char *data = PyBytes_AS_STRING(arg);
    Py_ssize_t size = PyBytes_GET_SIZE(arg);
    PyObject *starts = PyList_New(1);
    PyObject *zero = PyLong_FromLong(0);
    if (starts == NULL || zero == NULL) {
        Py_XDECREF(starts);
        Py_XDECREF(zero);
        return NULL;
    }
    PyList_SET_ITEM(starts, 0, zero);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (data[i] != '\n' && data[i] != '\r') {
            continue;
        }
        if (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n') {
            i++;
        }
        PyObject *start = PyLong_FromSsize_t(i + 1);
        if (start == NULL || PyList_Append(starts, start) < 0) {
            Py_XDECREF(start);
            Py_DECREF(starts);
            return NULL;
        }
        Py_DECREF(start);
    }
    return starts;
}

/* fresh_units(root, data, starts, budget) -> (units, holes, tops) or None
 *
 * The units of a fresh parse (`root` not an ERROR, `starts` the line starts of `data`);
 * holes: (unit index, child index) of the units whose form lower.py has to lower. */
static PyObject *fresh_units(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *data, *starts;
    int budget;
    if (!PyArg_ParseTuple(args, "OO!O!i:fresh_units", &root, &PyBytes_Type, &data, &PyList_Type, &starts, &budget)) {
        return NULL;
    }
    if (node_type == NULL || unit_cls == NULL || !Py_IS_TYPE(root, node_type)) {
        PyErr_SetString(PyExc_TypeError, "fresh_units() takes a bound tree_sitter.Node (after bind_units)");
        return NULL;
    }
    Children children;
    if (ts_node_symbol(((TsNodeObject *)root)->node) == (TSSymbol)-1) {
        Py_RETURN_NONE; /* hopeless input: the root itself is the ERROR node */
    }
    if (collect(((TsNodeObject *)root)->node, &children, 0) < 0) {
        return NULL;
    }
    const char *text = PyBytes_AS_STRING(data);
    Py_ssize_t size = PyBytes_GET_SIZE(data), lines = PyList_GET_SIZE(starts);
    PyObject *units = PyList_New(0), *holes = PyList_New(0);
    PyObject *records = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)sizeof(Top) * children.count);
    int status = units && holes && records ? 1 : -1;
    Py_ssize_t line = 0, line_start = 0, count = 0;
    for (uint32_t i = 0; status == 1 && i < children.count; i++) {
        TSNode node = children.items[i];
        if (!unit_code(node)) {
            continue;
        }
        uint32_t start = ts_node_start_byte(node);
        if (ts_node_has_error(node) || unit_code(node) == UNIT_ERROR || start > size) {
            status = 0; /* unit_nodes, unit_end, error keys: lower_middle's */
            break;
        }
        while (line + 1 < lines) { /* the nodes come in order: the line index is walked once */
            Py_ssize_t next = PyLong_AsSsize_t(PyList_GET_ITEM(starts, line + 1));
            if (next == -1 && PyErr_Occurred()) {
                status = -1;
            }
            if (next == -1 || next > start) {
                break;
            }
            line++;
            line_start = next;
        }
        if (status != 1 || !is_ascii(text + line_start, start - line_start)) {
            status = status < 0 ? -1 : 0;
            break;
        }
        int plain;
        PyObject *unit = fresh_unit(data, node, line, line_start, budget, &plain);
        PyObject *hole = unit == NULL || plain ? NULL : Py_BuildValue("(nI)", PyList_GET_SIZE(units), i);
        if (unit == NULL || PyList_Append(units, unit) < 0 || (!plain && (hole == NULL || PyList_Append(holes, hole) < 0))) {
            status = -1;
        }
        Py_XDECREF(unit);
        Py_XDECREF(hole);
        ((Top *)PyBytes_AS_STRING(records))[count++] = top_of(node);
    }
    release(&children);
    if (status == 1 && _PyBytes_Resize(&records, (Py_ssize_t)sizeof(Top) * count) < 0) {
        status = -1; /* records was freed */
        records = NULL;
    }
    if (status != 1) {
        Py_XDECREF(units);
        Py_XDECREF(holes);
        Py_XDECREF(records);
        if (status < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(NNN)", units, holes, records);
}

/* ------------------------------------------------------------------ lexical tokens
 *
 * `cst.lexical_tokens` for the highlighter, which asks it of every unit whose tokens it
 * computes again (thousands, after an unclosed `"` is closed in a big file): in Python a
 * Node, a type string and a `children` list per node visited, ~25 us per unit. */

/* The text of `node` in `tree`'s source is in `names` (a set of str). 1, 0, or -1 with an
 * exception set. */
static int named_in(const char *data, Py_ssize_t size, TSNode node, PyObject *names) {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > size || start > end) {
        return 0;
    }
    PyObject *text = PyUnicode_DecodeUTF8(data + start, end - start, "replace");
    int found = text ? PySet_Contains(names, text) : -1;
    Py_XDECREF(text);
    return found;
}

/* The first form child of a list node (its head), or a null node. */
static TSNode head_of(TSNode list) {
    uint32_t count = ts_node_child_count(list);
    for (uint32_t i = 0; i < count; i++) {
        TSNode child = ts_node_child(list, i);
        if (IS_FORM(kind_of(child))) {
            return child;
        }
    }
    TSNode none = {{0, 0, 0, 0}, NULL, NULL};
    return none;
}

/* Append (start, end, kind) to `out`: 0, or -1 with an exception set. */
static int add_token(PyObject *out, TSNode node, const char *kind) {
    PyObject *token = Py_BuildValue("(IIs)", ts_node_start_byte(node), ts_node_end_byte(node), kind);
    int status = token ? PyList_Append(out, token) : -1;
    Py_XDECREF(token);
    return status;
}

/* What lexical_tokens makes of one node `walk` yields: 0, or -1 with an exception set. */
static int lexical_token(PyObject *out, TSNode node, const char *data, Py_ssize_t size, uint32_t scope_start,
                         PyObject *special, PyObject *clause_heads) {
    int kind = kind_of(node);
    if (kind == K_KEYWORD) {
        return add_token(out, node, "keyword");
    }
    if (kind != K_LIST || ts_node_start_byte(node) < scope_start) {
        return 0;
    }
    TSNode head = head_of(node);
    if (ts_node_is_null(head) || kind_of(head) != K_SYMBOL) {
        return 0;
    }
    int found = named_in(data, size, head, special);
    if (found == 0 && (found = named_in(data, size, head, clause_heads)) == 1) { /* a clause head: where? */
        TSNode parent = ts_node_parent(node); /* a walk down from the root: only when needed */
        found = !ts_node_is_null(parent) && kind_of(parent) == K_LIST && ts_node_start_byte(parent) >= scope_start;
    }
    return found <= 0 ? found : add_token(out, head, "special-form");
}

/* lexical_tokens(root, data, start, stop, scope_start, special_forms, clause_heads)
 *     -> [(start, end, kind)]
 *
 * cst.lexical_tokens over the nodes cst.walk yields (the same cursor moves), `root` the
 * tree's root node and `data` its source. O(nodes overlapping the range, and their
 * siblings before it). */
static PyObject *lexical_tokens(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *special, *clause_heads;
    const char *data;
    Py_ssize_t size, start, stop, scope;
    if (!PyArg_ParseTuple(args, "Oy#nnnO!O!:lexical_tokens", &root, &data, &size, &start, &stop, &scope,
                          &PyFrozenSet_Type, &special, &PyFrozenSet_Type, &clause_heads)) {
        return NULL;
    }
    /* a scope outside the text compares as the text's ends do; `start - 1` wraps as
     * py-tree-sitter's goto_first_child_for_byte takes it */
    uint32_t scope_start = (uint32_t)(scope < 0 ? 0 : scope > size ? size + 1 : scope);
    if (node_type == NULL || !Py_IS_TYPE(root, node_type)) {
        PyErr_SetString(PyExc_TypeError, "lexical_tokens() takes a bound tree_sitter.Node");
        return NULL;
    }
    TSTreeCursor cursor = ts_tree_cursor_new(((TsNodeObject *)root)->node);
    PyObject *out = PyList_New(0);
    int status = out ? lexical_token(out, ts_tree_cursor_current_node(&cursor), data, size, scope_start, special,
                                     clause_heads)
                     : -1;
    while (status == 0) {
        int descended = start ? ts_tree_cursor_goto_first_child_for_byte(&cursor, (uint32_t)(start - 1)) >= 0
                              : ts_tree_cursor_goto_first_child(&cursor);
        int more = 1;
        if (!descended) {
            while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
                if (!ts_tree_cursor_goto_parent(&cursor)) {
                    more = 0;
                    break;
                }
            }
        }
        while (more && (Py_ssize_t)ts_node_start_byte(ts_tree_cursor_current_node(&cursor)) > stop) { /* past the range */
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                more = 0;
                break;
            }
            while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
                if (!ts_tree_cursor_goto_parent(&cursor)) {
                    more = 0;
                    break;
                }
            }
        }
        if (!more) {
            break;
        }
        status = lexical_token(out, ts_tree_cursor_current_node(&cursor), data, size, scope_start, special, clause_heads);
    }
    ts_tree_cursor_delete(&cursor);
    if (status < 0) {
        Py_CLEAR(out);
    }
    return out;
}

/* ------------------------------------------------------------------ checking */

/* preorder(node) -> [(kind_id, start_byte, end_byte, has_error, is_missing, child_count)]
 * for every node under `node`, read with the runtime compiled in: the import-time check
 * compares it with py-tree-sitter's answers. Iterative. */
static PyObject *preorder(PyObject *module, PyObject *arg) {
    (void)module;
    if (node_type == NULL || !Py_IS_TYPE(arg, node_type)) {
        PyErr_SetString(PyExc_TypeError, "preorder() takes a bound tree_sitter.Node");
        return NULL;
    }
    TSTreeCursor cursor = ts_tree_cursor_new(((TsNodeObject *)arg)->node);
    PyObject *out = PyList_New(0);
    while (out != NULL) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        PyObject *row = Py_BuildValue("(IIIOOI)", (unsigned)ts_node_symbol(node), ts_node_start_byte(node),
                                      ts_node_end_byte(node), ts_node_has_error(node) ? Py_True : Py_False,
                                      ts_node_is_missing(node) ? Py_True : Py_False, ts_node_child_count(node));
        if (row == NULL || PyList_Append(out, row) < 0) {
            Py_XDECREF(row);
            Py_CLEAR(out);
            break;
        }
        Py_DECREF(row);
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                ts_tree_cursor_delete(&cursor);
                return out;
            }
        }
    }
    ts_tree_cursor_delete(&cursor);
    return out;
}

/* shape(node) -> bytes: the tree shape of `node`, the last part of a unit's key when it has
 * errors (error recovery may parse the same bytes differently in another context), and what
 * `Document.settle` compares of two trees. For every node in preorder, its symbol, whether
 * it is missing, its child count and its byte length: at least what str(node) tells apart.
 * Read from the subtrees as `collect` reads them (a tree cursor's walk cost 3.8x this; the
 * S-expression of a 1 MB file's tree 44 ms, its shape 10 ms). Iterative. */
typedef struct {
    uint16_t symbol;
    uint16_t missing;
    uint32_t child_count;
    uint32_t length;
} ShapeRecord;

static PyObject *shape(PyObject *module, PyObject *arg) {
    (void)module;
    if (node_type == NULL || !Py_IS_TYPE(arg, node_type)) {
        PyErr_SetString(PyExc_TypeError, "shape() takes a bound tree_sitter.Node");
        return NULL;
    }
    TSNode node = ((TsNodeObject *)arg)->node;
    const TSTree *tree = node.tree;
    size_t count = 1, capacity = 64;
    ShapeRecord *records = PyMem_Malloc(capacity * sizeof(ShapeRecord));
    if (records == NULL) {
        return PyErr_NoMemory();
    }
    records[0] = (ShapeRecord){ts_node_symbol(node), ts_node_is_missing(node), ts_node_child_count(node),
                               ts_node_end_byte(node) - ts_node_start_byte(node)};
    /* the rest in preorder, as a tree cursor visits it (see `collect`), read from the subtrees */
    Hidden small[32];
    Hidden *stack = small;
    size_t depth = 0, room = 32;
    Subtree subtree = *(const Subtree *)node.id;
    int status = 0;
    if (ts_subtree_child_count(subtree)) {
        stack[depth++] = (Hidden){subtree, ts_language_alias_sequence(tree->language, subtree.ptr->production_id), 0, 0,
                                  length_zero()};
    }
    while (status == 0 && depth) {
        Hidden *top = &stack[depth - 1];
        if (top->index == top->parent.ptr->child_count) {
            depth--;
            continue;
        }
        const Subtree *child = &ts_subtree_children(top->parent)[top->index++];
        int visible = ts_subtree_visible(*child);
        TSSymbol alias = 0;
        if (!ts_subtree_extra(*child)) {
            if (top->aliases) {
                alias = top->aliases[top->structural];
                visible |= alias != 0;
            }
            top->structural++;
        }
        uint32_t children = ts_subtree_child_count(*child);
        if (visible) {
            if (count == capacity) {
                ShapeRecord *grown = PyMem_Realloc(records, 2 * capacity * sizeof(ShapeRecord));
                if (grown == NULL) {
                    status = -1;
                    break;
                }
                records = grown;
                capacity *= 2;
            }
            TSSymbol symbol = ts_language_public_symbol(tree->language, alias ? alias : ts_subtree_symbol(*child));
            records[count++] = (ShapeRecord){symbol, ts_subtree_missing(*child), children ? child->ptr->visible_child_count : 0,
                                             ts_subtree_size(*child).bytes};
        } else if (!ts_subtree_visible_child_count(*child)) {
            continue;
        }
        if (!children) {
            continue;
        }
        if (depth == room && grow_hidden(&stack, small, &room) < 0) {
            status = -1;
            break;
        }
        stack[depth++] = (Hidden){*child, ts_language_alias_sequence(tree->language, child->ptr->production_id), 0, 0,
                                  length_zero()};
    }
    if (stack != small) {
        PyMem_Free(stack);
    }
    if (status < 0) {
        PyMem_Free(records);
        return PyErr_NoMemory();
    }
    PyObject *out = PyBytes_FromStringAndSize((const char *)records, (Py_ssize_t)(count * sizeof(ShapeRecord)));
    PyMem_Free(records);
    return out;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_VARARGS, "bind(Tree, Node, tree, classes, heads): what to read and build (once)."},
    {"lower", (PyCFunction)(void (*)(void))lower, METH_FASTCALL,
     "lower(node, anchor, base, budget): the AST of a plain form, else None."},
    {"bind_units", bind_units, METH_VARARGS, "bind_units(Unit, Anchor, Position): where their slots are (once)."},
    {"line_starts", line_starts, METH_O, "line_starts(data): span.line_starts(data), in C."},
    {"lexical_tokens", lexical_tokens, METH_VARARGS, "cst.lexical_tokens, in C."},
    {"fresh_units", fresh_units, METH_VARARGS,
     "fresh_units(root, data, starts, budget): the units of a fresh parse without syntax errors, or None."},
    {"lower_each", (PyCFunction)(void (*)(void))lower_each, METH_FASTCALL,
     "lower_each(nodes, anchor, base, budget): lower() of each node, None where it declines."},
    {"scan_units", scan_units, METH_VARARGS,
     "scan_units(root, previous, tops, data, line_start_at, shift): the units an edit left at either end."},
    {"shape", shape, METH_O, "shape(node): bytes telling apart the tree shapes of the same text."},
    {"preorder", preorder, METH_O,
     "preorder(node): (kind_id, start, end, has_error, is_missing, child_count) of every node."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_lower",
    .m_doc = "Lowering of plain forms from py-tree-sitter trees, in C (see claudelang.syntax.native).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__lower(void) {
    str_text = PyUnicode_InternFromString("text");
    if (str_text == NULL) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
