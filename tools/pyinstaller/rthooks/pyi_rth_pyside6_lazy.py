# The bundle's run-time hook for PySide6, in place of PyInstaller's own (pyi_rth_pyside6).
#
# PyInstaller's hook imports PySide6.QtCore at every start, to register an embedded qt.conf when
# the binding has none. PySide6 from PyPI (the only one the app is built with) registers its own
# on import, so that step never does anything here; but the import costs about 0.1 s, which every
# command of the bundle would pay, exports and validations included, though only the window needs
# Qt. This hook sets the same paths and leaves the import to the code that uses Qt.


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")

    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")


_pyi_rthook()
del _pyi_rthook
