/* `tail` and `cons` of the persistent list (runtime/plist.py), in C.
 *
 * They are the inner loop of recursive list code: one new `List` per call. In Python each
 * costs a function call plus an instance and four attribute stores (about 150 ns); here
 * the instance is allocated and its four slots filled directly. `plist.List` stays a Python
 * class with `__slots__`: `bind(List)` reads where CPython put each slot (the offsets of
 * its member descriptors) and the functions write there, so every other reader of a list
 * (the generated code's `x._store[x._top]`, the builtins, the printer) is unchanged.
 *
 * The semantics are plist.py's, which documents them: `tail` of a list whose first
 * segment has more elements shares the store with `top - 1`, else returns `next`; `cons`
 * appends to the store when the list's head is the store's newest element, else starts a
 * one-element segment. Both check their argument's type (plist.List, exact) and raise
 * TypeError otherwise, so a wrong call can never read memory that is not a list.
 */

#define PY_SSIZE_T_CLEAN
#include "slots.h"

static PyTypeObject *list_type = NULL; /* plist.List, once bound */
static Py_ssize_t off_store, off_top, off_next, off_len;

static PyObject *bind(PyObject *module, PyObject *cls) {
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "bind() takes the List class");
        return NULL;
    }
    if (slot_offset(cls, "_store", &off_store) || slot_offset(cls, "_top", &off_top) ||
        slot_offset(cls, "_next", &off_next) || slot_offset(cls, "_len", &off_len)) {
        return NULL;
    }
    Py_XSETREF(list_type, (PyTypeObject *)Py_NewRef(cls));
    Py_RETURN_NONE;
}

/* The list's slots, checked: NULL (with an exception set) unless `obj` is a filled List. */
static int read_list(PyObject *obj, PyObject **store, Py_ssize_t *top, PyObject **next, Py_ssize_t *length) {
    if (list_type == NULL || Py_TYPE(obj) != list_type) {
        PyErr_Format(PyExc_TypeError, "expected a List, got %.100s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    *store = SLOT(obj, off_store);
    *next = SLOT(obj, off_next);
    PyObject *top_obj = SLOT(obj, off_top), *len_obj = SLOT(obj, off_len);
    if (*store == NULL || top_obj == NULL || len_obj == NULL || !PyList_CheckExact(*store)) {
        PyErr_SetString(PyExc_TypeError, "a List with unset fields");
        return -1;
    }
    *top = PyLong_AsSsize_t(top_obj);
    *length = PyLong_AsSsize_t(len_obj);
    return (*top == -1 || *length == -1) && PyErr_Occurred() ? -1 : 0;
}

/* An int object holding `value`: `known` (which holds `known_value`) if they are equal. */
static PyObject *int_of(Py_ssize_t value, PyObject *known, Py_ssize_t known_value) {
    return value == known_value ? Py_NewRef(known) : PyLong_FromSsize_t(value);
}

/* A new List with the given fields (references are borrowed). On a one-segment list the
 * tail's length is the list's top, and the cons's top is the list's length: `known` (an int
 * object of the list, holding `known_value`) is reused for either field it equals, which
 * saves allocating one of the two ints in the inner loop of list code. */
static PyObject *make(PyObject *store, Py_ssize_t top, PyObject *next, Py_ssize_t length, PyObject *known,
                      Py_ssize_t known_value) {
    PyObject *top_obj = int_of(top, known, known_value);
    PyObject *len_obj = int_of(length, known, known_value);
    PyObject *lst = top_obj && len_obj ? list_type->tp_alloc(list_type, 0) : NULL;
    if (lst == NULL) {
        Py_XDECREF(top_obj);
        Py_XDECREF(len_obj);
        return NULL;
    }
    SLOT(lst, off_store) = Py_NewRef(store);
    SLOT(lst, off_top) = top_obj;
    SLOT(lst, off_next) = Py_NewRef(next);
    SLOT(lst, off_len) = len_obj;
    return lst;
}

static PyObject *tail(PyObject *module, PyObject *lst) {
    PyObject *store, *next;
    Py_ssize_t top, length;
    if (read_list(lst, &store, &top, &next, &length)) {
        return NULL;
    }
    if (top > 0) {
        return make(store, top - 1, next, length - 1, SLOT(lst, off_top), top);
    }
    if (next == NULL) {
        PyErr_SetString(PyExc_TypeError, "tail of the empty List");
        return NULL;
    }
    return Py_NewRef(next);
}

static PyObject *cons(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "cons() takes an item and a List");
        return NULL;
    }
    PyObject *item = args[0], *lst = args[1], *store, *next;
    Py_ssize_t top, length;
    if (read_list(lst, &store, &top, &next, &length)) {
        return NULL;
    }
    top += 1;
    if (top > 0 && PyList_GET_SIZE(store) == top && next != NULL) {
        if (PyList_Append(store, item)) {
            return NULL;
        }
        return make(store, top, next, length + 1, SLOT(lst, off_len), length);
    }
    PyObject *fresh = PyList_New(1);
    if (fresh == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(fresh, 0, Py_NewRef(item));
    PyObject *out = make(fresh, 0, lst, length + 1, SLOT(lst, off_len), length);
    Py_DECREF(fresh);
    return out;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O, "bind(List): where the List slots are (call once)."},
    {"tail", tail, METH_O, "tail(lst): all but the first element of a non-empty List, shared: O(1)."},
    {"cons", (PyCFunction)(void (*)(void))cons, METH_FASTCALL, "cons(item, lst): item in front of lst, shared: O(1)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "_plist", NULL, -1, methods};

PyMODINIT_FUNC PyInit__plist(void) { return PyModule_Create(&module_def); }
