"""Signing the packet digitally (PAdES) and checking its signatures.

Every region's head signs the same final packet, in turn, in the empty signature field the packet
carries over their seal box (named by the region's code, ``reports/sigfields.py``), with the
certificate they already hold: a Korean key file (``signCert.der`` + ``signPri.key``, read in
:mod:`signing.keyfile`) or a token (PKCS#11, :mod:`signing.token`). :mod:`signing.sign` signs and
extends, :mod:`signing.verify` checks.

pyHanko does the PDF work; it takes over a second to load, so nothing of this package is imported
by the window or the other commands until a packet is signed or checked. Imports forms/ only
(and pyHanko, asn1crypto, cryptography).
"""

import warnings

from cryptography.utils import CryptographyDeprecationWarning

# pyHanko still imports the DSA types cryptography deprecates; a person signing a packet has no use for the warning.
warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning, module="pyhanko")
