/* Python binding for the ClaudeLang tree-sitter grammar.
 *
 * Exposes one function, `language()`, returning a PyCapsule named "tree_sitter.Language"
 * that py-tree-sitter (>= 0.22) wraps with `tree_sitter.Language(capsule)`. */
#include <Python.h>

typedef struct TSLanguage TSLanguage;

TSLanguage *tree_sitter_claudelang(void);

static PyObject *language(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    return PyCapsule_New(tree_sitter_claudelang(), "tree_sitter.Language", NULL);
}

static PyMethodDef methods[] = {
    {"language", language, METH_NOARGS, "The ClaudeLang tree-sitter language, as a capsule."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_grammar",
    .m_doc = "ClaudeLang tree-sitter grammar (generated parser.c).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__grammar(void) { return PyModule_Create(&module); }
