/* Where CPython put the `__slots__` of a Python class, for C code that fills its instances.
 *
 * The persistent list and map (runtime/_plist.c, runtime/_pmap.c) stay Python classes with
 * `__slots__`, so that every Python reader of them is unchanged; their inner loops, in C,
 * read and write the slots at the offsets of the class's member descriptors. `slot_offset`
 * finds such an offset and refuses anything that is not an object slot, so a class that
 * changed shape is an import error rather than a write to the wrong place.
 */

#ifndef CLAUDELANG_SLOTS_H
#define CLAUDELANG_SLOTS_H

#include <Python.h>
#include <structmember.h>

#define SLOT(obj, offset) (*(PyObject **)((char *)(obj) + (offset)))

static int slot_offset(PyObject *cls, const char *name, Py_ssize_t *offset) {
    PyObject *descr = PyObject_GetAttrString(cls, name);
    if (descr == NULL) {
        return -1;
    }
    PyMemberDef *member = PyObject_TypeCheck(descr, &PyMemberDescr_Type) ? ((PyMemberDescrObject *)descr)->d_member : NULL;
    int ok = member != NULL && member->type == T_OBJECT_EX;
    *offset = ok ? member->offset : 0;
    Py_DECREF(descr);
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "%.100s.%.100s is not an object slot", ((PyTypeObject *)cls)->tp_name, name);
        return -1;
    }
    return 0;
}

#endif
