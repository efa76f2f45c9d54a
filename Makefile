# oversight — supervision assurance for safeguarding partnerships.
# Plain GNU make. `make V=1` shows the full commands.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/oversight
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes
CPPFLAGS_ALL := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DOV_DATADIR=\"$(DATADIR)\" -Isrc $(CPPFLAGS)
LIBS    := -lcsv -lpcre2-8 -lxlsxwriter -lhpdf -lsqlite3 -lzip -lexpat -lcrypto -lz -lm -lpthread
PYTHON  ?= /usr/bin/python3

BUILD   ?= build
BIN     ?= oversight

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The layers, bottom up: each uses only the ones before it (tests/tools/layers.sh).
LAYERS   := core ingest metrics history report render cli
SRC      := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c src/$(l)/*/*.c))
HDR      := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.h src/$(l)/*/*.h))
LIB_SRC  := $(filter-out src/cli/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/cli/main.o
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
# Every libFuzzer harness, also built with the normal compiler as a replay of
# its stored corpus (tests/fuzz/replay.c feeds each file once).
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)

.PHONY: FORCE all deps demo test test-html layers unit e2e fuzz-replay sanitize tsan fuzz bench install uninstall clean format \
  web web-deps test-web bench-web

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(BUILD)/liboversight.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/liboversight.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: src/%.c $(HDR) | $(BUILD)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/liboversight.a $(wildcard tests/unit/*.h) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	@$(if $(Q),echo "  TEST-CC $<")
	$(Q)$(CC) $(CPPFLAGS_ALL) -Itests/unit $(WARN) $(CFLAGS) -o $@ $< $(BUILD)/liboversight.a -lcmocka $(LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/liboversight.a | $(BUILD)
	@mkdir -p $(BUILD)/tools
	@$(if $(Q),echo "  TOOL-CC $<")
	$(Q)$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ $< $(BUILD)/liboversight.a $(LIBS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/liboversight.a | $(BUILD)
	@mkdir -p $(BUILD)/fuzz
	@$(if $(Q),echo "  FUZZ-CC $< (replay)")
	$(Q)$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/liboversight.a $(LIBS)

$(BUILD):
	$(Q)mkdir -p $(BUILD)

# The installed template folder is compiled into the program: rebuild the
# command line when DATADIR (or PREFIX) changes.
$(BUILD)/.datadir: FORCE | $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/cli/cli.o: $(BUILD)/.datadir

# Install missing Debian packages (apt-get when root; otherwise print the command).
deps:
	$(Q)sh scripts/deps.sh

# The annual pack, then the board's cycle: the sample extracts as they stood
# at the end of each quarter (scripts/cut-quarters.py; one session recorded
# late), reported quarter by quarter into one history, output/history.sqlite.
# The Q4 pack (output/quarters/Q4) takes its earlier quarters' snapshot
# figures from the history and lists what the extracts now give differently.
DEMO_TITLE   := Northshire Safeguarding Children Partnership
DEMO_YEAR    := 2025-26
DEMO_QUARTERS := 1:2025-07-14 2:2025-10-14 3:2026-01-14 4:2026-04-30

demo: deps $(BIN)
	$(Q)mkdir -p output
	$(Q)./$(BIN) report sample-data --period $(DEMO_YEAR) --trend 2 --out output --as-of 2026-04-30 \
	  --title "$(DEMO_TITLE)"
	$(Q)rm -rf output/quarters output/history.sqlite
	$(Q)$(PYTHON) scripts/cut-quarters.py sample-data output/quarters $(DEMO_YEAR)
	$(Q)set -e; for q in $(DEMO_QUARTERS); do n=$${q%%:*}; \
	  ./$(BIN) report output/quarters/data-Q$$n --period $(DEMO_YEAR)-Q$$n --trend $$n -q \
	    --out output/quarters/Q$$n --as-of $${q#*:} --history output/history.sqlite \
	    --title "$(DEMO_TITLE)"; \
	  echo "oversight: wrote output/quarters/Q$$n: the $(DEMO_YEAR) Q$$n pack, recorded in output/history.sqlite"; \
	done
	$(Q)./$(BIN) history output/history.sqlite
	$(Q)echo "oversight: the Q4 pack restates $$(($$(wc -l < output/quarters/Q4/restatements.csv) - 1)) figure(s) of earlier quarters: output/quarters/Q4/restatements.csv"

unit: $(TEST_BIN)
	$(Q)set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done

e2e: $(BIN) $(TOOL_BIN)
	$(Q)OVERSIGHT=./$(BIN) PYTHON=$(PYTHON) BUILD=$(BUILD) sh tests/e2e/run.sh

# The web page in headless Chromium (tests/browser): axe-core's WCAG 2.2 AA
# rules at 1280 and 320 px, no sideways scrolling, no request; installs
# chromium and the npm packages when run as root. Screenshots in
# $(BUILD)/html-check/shots.
test-html: $(BIN)
	$(Q)OVERSIGHT=./$(BIN) PYTHON=$(PYTHON) BUILD=$(BUILD) sh tests/browser/run.sh

# Every stored fuzz input through its harness once, without fuzzing (seconds):
# a crash a fuzzer found stays fixed. The ingest harness also reads the CSV
# corpus (each file as an agencies.csv).
fuzz-replay: $(FUZZ_REPLAY)
	$(Q)echo "== fuzz replay"
	$(Q)$(BUILD)/fuzz/replay_csv tests/fuzz/corpus
	$(Q)$(BUILD)/fuzz/replay_csvsplit tests/fuzz/corpus tests/fuzz/corpus-csvsplit
	$(Q)$(BUILD)/fuzz/replay_parse tests/fuzz/corpus
	$(Q)$(BUILD)/fuzz/replay_xlsx tests/fuzz/corpus-xlsx
	$(Q)$(BUILD)/fuzz/replay_ingest tests/fuzz/corpus-ingest tests/fuzz/corpus

# The house: modules use only their own layer and the ones below, no circles.
layers:
	$(Q)$(PYTHON) tests/tools/layers.py src

test: deps
	$(Q)$(MAKE) --no-print-directory layers unit fuzz-replay e2e

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-san BIN=build-san/oversight \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" unit fuzz-replay e2e

# The suite under ThreadSanitizer (agencies and figures are worked out in parallel).
tsan: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-tsan BIN=build-tsan/oversight \
	  CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" unit fuzz-replay e2e

# Bounded coverage-guided fuzzing of the CSV reader (and, differentially, its
# plain split against libcsv), the workbook reader, the field parsers and the
# whole ingest of a data folder (clang libFuzzer).
FUZZ_SECONDS ?= 60
fuzz:
	$(Q)sh scripts/deps.sh clang libclang-rt-14-dev
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS)

bench: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(BUILD)/tools/gen_bench $(BUILD)/tools/csv_rate \
	  $(BUILD)/tools/csv2xlsx
	$(Q)sh tests/bench/run.sh
	$(Q)$(MAKE) --no-print-directory bench-web

# ---- the browser edition (SPEC 10.2, docs/web.md) ---------------------------
# The same program compiled to WebAssembly with Debian's emscripten, linked with
# the libraries built from the Debian sources of the installed versions
# (scripts/web-deps.sh; cached outside the work tree). Two front ends over one
# build of the core: build/web/oversight.js for node (the real file system) and
# build/web/oversight.html, the page (web/): the same program in a Web Worker.
WEB      := $(BUILD)/web
EMCC     := NODE_PATH=/usr/share/nodejs emcc
WEB_OBJ  := $(LIB_SRC:src/%.c=$(WEB)/obj/%.o) $(WEB)/obj/cli/main.o $(WEB)/obj/compat.o
WEB_LIBS := -lcsv -lpcre2-8 -lxlsxwriter -lhpdf -lsqlite3 -lzip -lexpat -lcrypto -lz -lm
# No -pthread: every parallel step runs on the one thread (core/threads.h).
# TOTAL_STACK (STACK_SIZE in later Emscripten): room for the 64 KB buffers that
# some functions keep on the stack.
WEB_LINK := -O2 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sTOTAL_STACK=8MB \
  -sDYNAMIC_EXECUTION=0
# The fonts the PDF embeds, at the path the program looks for them.
WEB_FONTS := /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf \
  /usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf
TEMPLATE_SRC := $(shell find templates -type f)
WEB_PAGE := web/page.html web/page.css web/page.js web/worker.js web/assemble.py

web: $(WEB)/oversight.js $(WEB)/oversight.html

# emscripten and the libraries (installed when root, as make deps does); the
# file names the cached build of the libraries, and changes only with it.
web-deps: $(WEB)/prefix

$(WEB)/prefix: FORCE
	$(Q)sh scripts/deps.sh emscripten cmake tcl dpkg-dev xz-utils bzip2
	$(Q)mkdir -p $(WEB)
	$(Q)sh scripts/web-deps.sh > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

WEB_CC = $(EMCC) $(CPPFLAGS_ALL) -isystem "$$(cat $(WEB)/prefix)/include" \
  -isystem "$$(cat $(WEB)/prefix)/haru/include" $(WARN) -O2

$(WEB)/obj/%.o: src/%.c $(HDR) $(WEB)/prefix
	@mkdir -p $(@D)
	@$(if $(Q),echo "  EMCC    $<")
	$(Q)$(WEB_CC) -c -o $@ $<

$(WEB)/obj/%.o: web/%.c $(HDR) $(WEB)/prefix
	@mkdir -p $(@D)
	@$(if $(Q),echo "  EMCC    $<")
	$(Q)$(WEB_CC) -c -o $@ $<

# For node: one file (node's fetch cannot load a .wasm beside it), the real
# file system, exit status and all.
$(WEB)/oversight.js: $(WEB_OBJ)
	@$(if $(Q),echo "  EMLINK  $@")
	$(Q)$(EMCC) $(WEB_LINK) -sSINGLE_FILE=1 -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -o $@ $(WEB_OBJ) \
	  -L"$$(cat $(WEB)/prefix)/lib" -L"$$(cat $(WEB)/prefix)/haru/lib" $(WEB_LIBS)

# For the page: engine.js and engine.wasm, which the page compiles once and
# instantiates afresh for every run in a Web Worker; the templates and fonts
# in its memory file system.
$(WEB)/engine.js: $(WEB_OBJ) $(WEB)/obj/zipio.o $(TEMPLATE_SRC)
	@$(if $(Q),echo "  EMLINK  $@")
	$(Q)$(EMCC) $(WEB_LINK) -sENVIRONMENT=worker -sMODULARIZE=1 -sEXPORT_NAME=createOversight \
	  -sINVOKE_RUN=0 -sEXIT_RUNTIME=0 -sFORCE_FILESYSTEM=1 \
	  -sEXPORTED_FUNCTIONS=_main,_ov_web_unzip,_ov_web_zip \
	  -sEXPORTED_RUNTIME_METHODS=FS,callMain,ccall \
	  --embed-file templates@$(DATADIR) $(foreach f,$(WEB_FONTS),--embed-file $(f)@$(f)) \
	  -o $@ $(WEB_OBJ) $(WEB)/obj/zipio.o -L"$$(cat $(WEB)/prefix)/lib" -L"$$(cat $(WEB)/prefix)/haru/lib" $(WEB_LIBS)

$(WEB)/oversight.html: $(WEB)/engine.js $(WEB_PAGE)
	@$(if $(Q),echo "  PAGE    $@")
	$(Q)$(PYTHON) web/assemble.py $(WEB)/engine.js $(WEB)/engine.wasm $@

# The browser edition against the native build (docs/web.md): node on every
# test input, then the page in headless Chromium.
test-web: deps $(BIN)
	$(Q)sh scripts/deps.sh emscripten cmake tcl dpkg-dev chromium poppler-utils python3-openpyxl
	$(Q)$(MAKE) --no-print-directory web $(BUILD)/tools/csv2xlsx
	$(Q)OVERSIGHT=./$(BIN) WEB=$(WEB) BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/web/run.sh

bench-web: deps $(BIN)
	$(Q)$(MAKE) --no-print-directory web $(BUILD)/tools/gen_bench
	$(Q)OVERSIGHT=./$(BIN) WEB=$(WEB) BUILD=$(BUILD) sh tests/web/bench.sh

# The templates as installed: every file under templates/, and its sub-folders
# (deepest first, so that uninstall can remove them once they are empty).
TEMPLATE_FILES = $(patsubst templates/%,%,$(shell find templates -type f | LC_ALL=C sort))
TEMPLATE_DIRS  = $(patsubst templates/%,%,$(shell find templates -mindepth 1 -type d | LC_ALL=C sort -r))

install: $(BIN)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)' \
	  '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)'
	install -m 755 $(BIN) '$(DESTDIR)$(BINDIR)/oversight'
	for d in $(TEMPLATE_DIRS); do install -d "$(DESTDIR)$(DATADIR)/$$d" || exit 1; done
	for f in $(TEMPLATE_FILES); do \
	  install -m 644 "templates/$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done
	install -m 644 oversight.1 '$(DESTDIR)$(MANDIR)/man1/oversight.1'
	install -m 644 completions/oversight.bash '$(DESTDIR)$(BASHCOMPDIR)/oversight'

# Removes exactly what install wrote, then the template folders it made if they
# are empty (a partnership's own profiles are kept).
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/oversight' '$(DESTDIR)$(MANDIR)/man1/oversight.1' \
	  '$(DESTDIR)$(BASHCOMPDIR)/oversight'
	for f in $(TEMPLATE_FILES); do rm -f "$(DESTDIR)$(DATADIR)/$$f"; done
	for d in $(TEMPLATE_DIRS); do \
	  if [ -d "$(DESTDIR)$(DATADIR)/$$d" ]; then rmdir "$(DESTDIR)$(DATADIR)/$$d" 2>/dev/null || :; fi; done
	if [ -d '$(DESTDIR)$(DATADIR)' ]; then rmdir '$(DESTDIR)$(DATADIR)' 2>/dev/null || :; fi

format:
	clang-format -i $(SRC) $(HDR) tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build build-san build-tsan build-fuzz $(BIN) output/*.csv output/*.pdf output/*.xlsx \
	  output/history.sqlite output/quarters
