# Two commands for a newcomer (see README.md):
#   make demo   set everything up from nothing, then train on the embedded sample (neural-face fit --sample)
#   make test   run the tests (sync checks, then every notebook with nbdev_test)
VENV ?= .venv
DEMO_OUT ?= runs/demo
TEST_FLAGS ?=
export VENV

.PHONY: demo test setup clean
setup:
	@bash tools/setup_env.sh

demo: setup
	$(VENV)/bin/neural-face fit --sample --overwrite --out $(DEMO_OUT)

test: setup
	@TEST_FLAGS="$(TEST_FLAGS)" bash tools/test.sh

clean:
	rm -rf $(VENV) runs build dist *.egg-info
