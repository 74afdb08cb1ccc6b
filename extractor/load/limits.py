"""Every limit on what a loader may read, unpack or parse, in one place (docs/inputs.md, "Limits").

A file past a limit is refused with an `InputError` naming the file, what was too big and the
limit, before the memory is spent: a batch writes a `failed` line and goes on. Annual reports are
far below each limit (a report's text is 20-200 KB, a .docx's document.xml well under 5 MB).
"""

from __future__ import annotations

MB = 1 << 20

#: bytes of any input file at all; PDFs and scans are then read page by page
MAX_BYTES = 200 * MB
#: bytes of a .txt/.md file (decoded whole, then read by engines as one string)
MAX_TEXT_BYTES = 20 * MB
#: bytes of an HTML page (parsed whole into a DOM: ~47 bytes of memory per byte of a page of
#: tables were measured, 935 MB for 20 MB)
MAX_HTML_BYTES = 10 * MB

#: unpacked bytes of one XML part of a .docx (python-docx parses it whole: ~18 bytes of memory
#: per byte of XML were measured on a bomb's document.xml)
MAX_DOCX_XML_PART = 32 * MB
#: unpacked bytes of the whole .docx package (python-docx reads every part, images included)
MAX_DOCX_TOTAL = 256 * MB
#: largest unpacked/packed ratio of a part over `RATIO_FLOOR` bytes: Word's XML packs 5-20x,
#: a zip bomb's hundreds or thousands of times
MAX_DOCX_RATIO = 100
#: parts smaller than this unpacked are not held to `MAX_DOCX_RATIO` (tiny parts pack oddly)
RATIO_FLOOR = 1 * MB

#: bytes of an RTF file (read whole and tokenized in Python: ~0.35 s of CPU per MB of text and
#: tables, 20 MB of a report's rows in 6.8 s; a picture's hex, skipped, ~60 MB/s). Pictures in RTF
#: are hex text, so a report with a few images is a few MB
MAX_RTF_BYTES = 64 * MB
#: groups open at once in an RTF file (Word and WPS nest fewer than 20)
MAX_RTF_DEPTH = 200

#: slots (rows × columns, spans expanded) of one source table; a report's largest has ~300
MAX_TABLE_SLOTS = 100_000

#: pages of a PDF or frames of a TIFF (env `XXGK_MAX_PAGES` overrides)
DEFAULT_MAX_PAGES = 300
#: pixels of one image (a frame, or a PDF page rendered for OCR); a 600 dpi A4 scan has 35 M.
#: Checked from the header, before anything is decoded.
MAX_IMAGE_PIXELS = 50_000_000

#: bytes of one stream of a binary Word 97–2003 file (.doc/.wps) read into memory: the
#: `WordDocument` stream (text, formatting) and the table stream; a report's are well under 5 MB
MAX_DOC_STREAM = 64 * MB
#: pieces in a .doc's piece table (Word writes one per edit saved fast; a report has a few dozen)
MAX_DOC_PIECES = 100_000
#: characters of a .doc's main text (a report has 20,000–200,000)
MAX_DOC_CHARS = 20_000_000
#: pages (512 bytes each) of paragraph properties a .doc may list, and of character properties
MAX_DOC_FKP_PAGES = 100_000
#: fields open at once in a .doc (\x13 … \x15; Word nests a handful)
MAX_DOC_FIELD_DEPTH = 200

#: entries (files and folders) in the directory of a zip archive a user brings (a subordinate's
#: reports zipped, a CMS attachment: tens to hundreds)
MAX_ARCHIVE_MEMBERS = 10_000
#: unpacked bytes of all members of one zip archive together (each member is also held to
#: `MAX_BYTES`, and packed at most `MAX_DOCX_RATIO` times when over `RATIO_FLOOR`)
MAX_ARCHIVE_TOTAL = 4 * 1024 * MB
#: archives read one inside the other: an archive, and the archives in it; one level deeper is
#: not read (a `failed` line says so)
MAX_ARCHIVE_DEPTH = 2
#: multipart parts nested one in the other in an e-mail (`.eml`: a mail client nests 3-4, a
#: forwarded mail a few more)
MAX_MAIL_DEPTH = 20
#: workbooks embedded in one Word document read as its tables (`o:OLEObject` → word/embeddings/*.xlsx;
#: a report pastes a few): each is loaded as a file, so their number bounds the work
MAX_EMBEDDED_WORKBOOKS = 64
