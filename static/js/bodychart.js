/*
 * Body chart widget (templates/clinic/_bodychart_widget.html), progressive enhancement.
 *
 * Without this script the chart is inert and the list view is the form. With it:
 * - tapping/clicking a region (or Enter/Space on it) marks it as "pain" if it was empty,
 *   or adds the other side ("both") if only the opposite side was marked, and opens a small
 *   panel to choose side, symptom types, worst, or remove;
 * - the hidden JSON input, the drawing and the list view are kept in sync both ways.
 *
 * No dependencies, no inline script (CSP), safe to load twice.
 */
(function () {
  "use strict";

  if (window.RestoreBodyChart) {
    window.RestoreBodyChart.initAll(document);
    return;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  // The chart's own words. A page in another language (the patient's pre-visit intake) gives
  // them translated in a JSON script element, id "bodychart-words" (the link pages are in the
  // patient's language whatever the browser says, which Django's JavaScript catalogue would
  // follow instead); staff pages use these.
  const ENGLISH = {
    left: "Left",
    right: "Right",
    both: "Both sides",
    central: "Central",
    markLeft: "Left %(area)s",
    markRight: "Right %(area)s",
    markBoth: "%(area)s (both sides)",
    notMarked: "%(area)s, not marked",
    noType: "no symptom type yet",
    bothSides: "both sides",
    worstArea: "worst area",
    chooseSide: "Choose a side for %(area)s.",
    chooseType: "Choose a symptom type for %(area)s.",
    chooseWorst: "Choose which area is the worst.",
    noneMarked: "No areas marked yet.",
    markedOne: "%(count)s area marked.",
    markedMany: "%(count)s areas marked.",
    worst: "Worst: %(area)s.",
    close: "Close",
    side: "Side",
    symptoms: "Symptoms",
    needType: "Choose at least one symptom type, or remove the area.",
    worstLabel: "Worst area",
    remove: "Remove",
    done: "Done",
  };
  let words = null;
  let popoverSerial = 0;

  function word(key, values) {
    if (words === null) {
      const given = document.getElementById("bodychart-words");
      words = Object.assign({}, ENGLISH, given ? JSON.parse(given.textContent) : {});
    }
    return words[key].replace(/%\((\w+)\)s/g, function (_match, name) {
      return String(values[name]);
    });
  }

  function upperFirst(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  function lowerFirst(text) {
    return text ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  }

  function svgEl(name, attrs) {
    const el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      el.setAttribute(key, attrs[key]);
    });
    return el;
  }

  function BodyChart(root) {
    this.root = root;
    this.chart = root.querySelector("[data-bc-chart]");
    this.svg = this.chart && this.chart.querySelector("svg");
    this.input = root.querySelector("[data-bc-input]");
    this.list = root.querySelector("[data-bc-list]");
    this.status = root.querySelector("[data-bc-status]");
    if (!this.svg || !this.input) {
      return;
    }
    this.prefix = this.svg.getAttribute("data-bc-prefix") || "bc";
    this.style = {
      emptyFill: this.svg.getAttribute("data-bc-fill-empty"),
      incompleteFill: this.svg.getAttribute("data-bc-fill-incomplete"),
      painFill: this.svg.getAttribute("data-bc-fill-pain"),
      emptyStroke: this.svg.getAttribute("data-bc-stroke-empty"),
      markedStroke: this.svg.getAttribute("data-bc-stroke-marked"),
      worstStroke: this.svg.getAttribute("data-bc-worst-stroke"),
      worstWidth: this.svg.getAttribute("data-bc-worst-width"),
      focusStroke: "#0b5ed7",
    };
    const clipPath = this.svg.querySelector("clipPath[id='" + this.prefix + "-clip'] path");
    this.outlineD = clipPath ? clipPath.getAttribute("d") : "";
    this.shapes = Array.prototype.slice.call(this.svg.querySelectorAll(".bc-shape[data-region]"));
    this.readCatalogue();
    this.marks = {};
    this.loadState();
    this.buildPopover();
    this.bind();

    // Switch from "list only" to "chart + list".
    this.chart.removeAttribute("inert");
    this.input.disabled = false;
    if (this.list) {
      this.list.open = false;
    }
    root.classList.add("bc-js");
    this.shapes.forEach(function (shape) {
      shape.setAttribute("aria-haspopup", "dialog");
    });
    this.render();
  }

  // ---------------------------------------------------------------------------------------
  // Catalogue (read from the list view, so the server stays the single source of truth)

  BodyChart.prototype.readCatalogue = function () {
    const self = this;
    this.regions = {};
    this.order = [];
    this.rows = {};
    this.root.querySelectorAll("tr[data-bc-row]").forEach(function (row) {
      const id = row.getAttribute("data-bc-row");
      const select = row.querySelector("select[data-bc-field='side']");
      const sides = [];
      if (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value) {
            sides.push({ value: option.value, label: option.textContent.trim() });
          }
        });
      }
      self.regions[id] = {
        id: id,
        label: row.getAttribute("data-bc-label"),
        lateral: row.getAttribute("data-bc-lateral") === "true",
        sides: sides,
      };
      self.order.push(id);
      self.rows[id] = {
        row: row,
        side: select,
        symptoms: Array.prototype.slice.call(
          row.querySelectorAll("input[data-bc-field='symptom']"),
        ),
        worst: row.querySelector("input[data-bc-field='worst']"),
      };
    });
    this.symptoms = [];
    this.root.querySelectorAll("th[data-bc-symptom]").forEach(function (th) {
      self.symptoms.push({ value: th.getAttribute("data-bc-symptom"), label: th.textContent.trim() });
    });
    this.symptomOrder = this.symptoms.map(function (s) {
      return s.value;
    });
  };

  BodyChart.prototype.symptomLabel = function (value) {
    for (let i = 0; i < this.symptoms.length; i += 1) {
      if (this.symptoms[i].value === value) {
        return this.symptoms[i].label;
      }
    }
    return value;
  };

  BodyChart.prototype.markLabel = function (regionId, side) {
    const region = this.regions[regionId];
    const label = region ? region.label : regionId;
    if (side === "left" || side === "right") {
      const key = side === "left" ? "markLeft" : "markRight";
      return upperFirst(word(key, { area: lowerFirst(label) }));
    }
    if (side === "both") {
      return word("markBoth", { area: label });
    }
    return label;
  };

  // ---------------------------------------------------------------------------------------
  // State

  BodyChart.prototype.sanitise = function (data) {
    const self = this;
    const marks = {};
    if (!Array.isArray(data)) {
      return marks;
    }
    data.forEach(function (item) {
      if (!item || typeof item !== "object") {
        return;
      }
      const region = self.regions[item.region];
      if (!region || marks[region.id]) {
        return;
      }
      const allowed = region.sides.map(function (s) {
        return s.value;
      });
      let side = allowed.indexOf(item.side) >= 0 ? item.side : "";
      if (!side && !region.lateral) {
        side = "central";
      }
      const symptoms = Array.isArray(item.symptoms)
        ? self.symptomOrder.filter(function (s) {
            return item.symptoms.indexOf(s) >= 0;
          })
        : [];
      marks[region.id] = { side: side, symptoms: symptoms, worst: item.worst === true };
    });
    return marks;
  };

  BodyChart.prototype.loadState = function () {
    let data = null;
    try {
      data = JSON.parse(this.input.value || "[]");
    } catch (err) {
      data = null;
    }
    if (Array.isArray(data)) {
      this.marks = this.sanitise(data);
    } else {
      this.readList();
    }
  };

  BodyChart.prototype.readList = function () {
    const self = this;
    this.marks = {};
    this.order.forEach(function (id) {
      const controls = self.rows[id];
      const side = controls.side ? controls.side.value : "";
      const symptoms = controls.symptoms
        .filter(function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
      const worst = !!(controls.worst && controls.worst.checked);
      if (side || symptoms.length || worst) {
        self.marks[id] = { side: side, symptoms: symptoms, worst: worst };
      }
    });
  };

  BodyChart.prototype.serialise = function () {
    const self = this;
    return this.order
      .filter(function (id) {
        return self.marks[id];
      })
      .map(function (id) {
        const mark = self.marks[id];
        return {
          region: id,
          side: mark.side,
          symptoms: self.symptomOrder.filter(function (s) {
            return mark.symptoms.indexOf(s) >= 0;
          }),
          worst: mark.worst,
        };
      });
  };

  BodyChart.prototype.markedIds = function () {
    const self = this;
    return this.order.filter(function (id) {
      return self.marks[id];
    });
  };

  BodyChart.prototype.setWorst = function (regionId) {
    const self = this;
    Object.keys(this.marks).forEach(function (id) {
      self.marks[id].worst = id === regionId;
    });
  };

  // One marked area is the worst by definition; keep that true without asking.
  BodyChart.prototype.normalise = function () {
    const ids = this.markedIds();
    if (ids.length === 1) {
      this.marks[ids[0]].worst = true;
    }
  };

  BodyChart.prototype.commit = function () {
    this.normalise();
    this.input.value = JSON.stringify(this.serialise());
    this.render();
  };

  // ---------------------------------------------------------------------------------------
  // Drawing

  BodyChart.prototype.fillFor = function (symptoms) {
    const key = this.symptomOrder
      .filter(function (s) {
        return symptoms.indexOf(s) >= 0;
      })
      .join("--");
    if (!key) {
      return this.style.incompleteFill;
    }
    if (key === "pain" && this.style.painFill) {
      return this.style.painFill; // plain colour, as the server draws it
    }
    return "url(#" + this.prefix + "-f-" + key + ")";
  };

  BodyChart.prototype.markForShape = function (shape) {
    const regionId = shape.getAttribute("data-region");
    const side = shape.getAttribute("data-side");
    const mark = this.marks[regionId];
    if (!mark) {
      return null;
    }
    if (side === "central" || mark.side === side || mark.side === "both") {
      return mark;
    }
    return null;
  };

  BodyChart.prototype.shapeAria = function (shape, mark) {
    const label = shape.getAttribute("data-label");
    if (!mark) {
      return word("notMarked", { area: label });
    }
    const self = this;
    const parts = [label];
    const types = mark.symptoms.map(function (s) {
      return self.symptomLabel(s).toLowerCase();
    });
    parts.push(types.length ? types.join(", ") : word("noType", {}));
    if (mark.side === "both") {
      parts.push(word("bothSides", {}));
    }
    if (mark.worst) {
      parts.push(word("worstArea", {}));
    }
    return parts.join(", ");
  };

  // A thick line just inside the shape's visible edge (same markup as the server's).
  BodyChart.prototype.innerOutline = function (shape, colour, width, idSuffix) {
    const clipId = shape.id + "-" + idSuffix;
    const group = svgEl("g", {});
    const clip = svgEl("clipPath", { id: clipId });
    clip.appendChild(svgEl("path", { d: shape.getAttribute("d"), "clip-rule": "evenodd" }));
    const inner = svgEl("g", { "clip-path": "url(#" + clipId + ")" });
    [shape.getAttribute("d"), this.outlineD].forEach(function (d) {
      inner.appendChild(
        svgEl("path", {
          d: d,
          fill: "none",
          stroke: colour,
          "stroke-width": width,
          "stroke-linejoin": "round",
        }),
      );
    });
    group.appendChild(clip);
    group.appendChild(inner);
    return group;
  };

  BodyChart.prototype.render = function () {
    const self = this;
    const views = {};
    this.svg.querySelectorAll(".bc-view").forEach(function (view) {
      const outlines = view.querySelector(".bc-worst-outlines");
      const stars = view.querySelector(".bc-stars");
      outlines.replaceChildren();
      stars.replaceChildren();
      views[view.getAttribute("data-view")] = { outlines: outlines, stars: stars };
    });

    this.shapes.forEach(function (shape) {
      const mark = self.markForShape(shape);
      shape.setAttribute("fill", mark ? self.fillFor(mark.symptoms) : self.style.emptyFill);
      shape.setAttribute("stroke", mark ? self.style.markedStroke : self.style.emptyStroke);
      shape.setAttribute("data-marked", mark ? "true" : "false");
      shape.setAttribute("aria-label", self.shapeAria(shape, mark));
      if (mark && mark.worst) {
        const view = views[shape.closest(".bc-view").getAttribute("data-view")];
        view.outlines.appendChild(
          self.innerOutline(shape, self.style.worstStroke, self.style.worstWidth, "w"),
        );
        view.stars.appendChild(
          svgEl("path", {
            d: view.stars.getAttribute("data-star-d"),
            transform:
              "translate(" +
              shape.getAttribute("data-cx") +
              " " +
              shape.getAttribute("data-cy") +
              ")",
            fill: view.stars.getAttribute("data-star-fill"),
            stroke: view.stars.getAttribute("data-star-stroke"),
            "stroke-width": "1.2",
            "stroke-linejoin": "round",
          }),
        );
      }
    });
    if (this.focused) {
      this.drawFocus(this.focused);
    }
    this.renderList();
    this.renderStatus();
    if (this.popoverShape && !this.popover.hidden) {
      this.fillPopover();
    }
  };

  BodyChart.prototype.drawFocus = function (shape) {
    this.clearFocus();
    const view = shape.closest(".bc-view");
    const ring = svgEl("g", {
      class: "bc-focus-ring",
      "pointer-events": "none",
      "clip-path": "url(#" + this.prefix + "-clip)",
    });
    ring.appendChild(this.innerOutline(shape, "#ffffff", "9", "fw"));
    ring.appendChild(this.innerOutline(shape, this.style.focusStroke, "5", "fb"));
    view.appendChild(ring);
    this.focusRing = ring;
    this.focused = shape;
  };

  BodyChart.prototype.clearFocus = function () {
    if (this.focusRing) {
      this.focusRing.remove();
      this.focusRing = null;
    }
  };

  BodyChart.prototype.renderList = function () {
    const self = this;
    this.order.forEach(function (id) {
      const controls = self.rows[id];
      const mark = self.marks[id];
      if (controls.side) {
        controls.side.value = mark ? mark.side : "";
      }
      controls.symptoms.forEach(function (box) {
        box.checked = !!mark && mark.symptoms.indexOf(box.value) >= 0;
      });
      if (controls.worst) {
        controls.worst.checked = !!mark && mark.worst;
      }
      controls.row.classList.toggle("bc-row--marked", !!mark);
    });
  };

  BodyChart.prototype.problems = function () {
    const self = this;
    const problems = [];
    const ids = this.markedIds();
    ids.forEach(function (id) {
      const mark = self.marks[id];
      if (!mark.side) {
        problems.push(word("chooseSide", { area: lowerFirst(self.regions[id].label) }));
      } else if (!mark.symptoms.length) {
        problems.push(word("chooseType", { area: lowerFirst(self.markLabel(id, mark.side)) }));
      }
    });
    const worst = ids.filter(function (id) {
      return self.marks[id].worst;
    });
    if (ids.length && !worst.length) {
      problems.push(word("chooseWorst", {}));
    }
    return problems;
  };

  BodyChart.prototype.renderStatus = function () {
    if (!this.status) {
      return;
    }
    const self = this;
    const ids = this.markedIds();
    const problems = this.problems();
    let text;
    if (!ids.length) {
      text = word("noneMarked", {});
    } else if (problems.length) {
      text = problems.join(" ");
    } else {
      const worstId = ids.filter(function (id) {
        return self.marks[id].worst;
      })[0];
      text =
        word(ids.length === 1 ? "markedOne" : "markedMany", { count: ids.length }) +
        " " +
        word("worst", { area: lowerFirst(this.markLabel(worstId, this.marks[worstId].side)) });
    }
    this.status.classList.toggle("bc-status--problem", problems.length > 0);
    if (this.status.textContent !== text) {
      this.status.textContent = text;
    }
  };

  // ---------------------------------------------------------------------------------------
  // Interaction: chart

  BodyChart.prototype.bind = function () {
    const self = this;
    this.svg.addEventListener("click", function (event) {
      const shape = event.target.closest && event.target.closest(".bc-shape[data-region]");
      if (shape) {
        event.preventDefault();
        self.activate(shape);
      }
    });
    this.svg.addEventListener("keydown", function (event) {
      const shape = event.target.closest && event.target.closest(".bc-shape[data-region]");
      if (!shape) {
        return;
      }
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        self.activate(shape);
      }
    });
    this.svg.addEventListener("focusin", function (event) {
      const shape = event.target.closest && event.target.closest(".bc-shape[data-region]");
      if (shape) {
        self.drawFocus(shape);
      }
    });
    this.svg.addEventListener("focusout", function () {
      if (self.focused && self.focused === self.popoverShape && !self.popover.hidden) {
        return; // keep the ring on the region whose panel is open
      }
      self.clearFocus();
      self.focused = null;
    });
    if (this.list) {
      this.list.addEventListener("change", function (event) {
        self.onListChange(event.target);
      });
    }
    document.addEventListener("pointerdown", function (event) {
      if (self.popover.hidden) {
        return;
      }
      if (self.popover.contains(event.target)) {
        return;
      }
      if (event.target.closest && event.target.closest(".bc-shape[data-region]")) {
        return; // the click handler reopens the panel for that shape
      }
      self.closePopover(false);
    });
  };

  BodyChart.prototype.activate = function (shape) {
    const regionId = shape.getAttribute("data-region");
    const side = shape.getAttribute("data-side");
    const region = this.regions[regionId];
    if (!region) {
      return;
    }
    const mark = this.marks[regionId];
    if (!mark) {
      this.marks[regionId] = {
        side: region.lateral ? side : "central",
        symptoms: ["pain"],
        worst: this.markedIds().length === 0,
      };
      this.commit();
    } else if (region.lateral && !mark.side) {
      mark.side = side;
      this.commit();
    } else if (region.lateral && mark.side !== side && mark.side !== "both") {
      // Tapping the unmarked side of a region marked on the other side: both sides now.
      mark.side = "both";
      this.commit();
    }
    this.openPopover(shape);
  };

  // ---------------------------------------------------------------------------------------
  // Interaction: list view

  BodyChart.prototype.onListChange = function (target) {
    const row = target.closest && target.closest("tr[data-bc-row]");
    if (!row) {
      return;
    }
    const id = row.getAttribute("data-bc-row");
    const region = this.regions[id];
    const controls = this.rows[id];
    const field = target.getAttribute("data-bc-field");
    let side = controls.side ? controls.side.value : "";
    const symptoms = controls.symptoms
      .filter(function (box) {
        return box.checked;
      })
      .map(function (box) {
        return box.value;
      });
    if (field === "symptom" && !side && !region.lateral && symptoms.length) {
      side = "central"; // the only side a midline area can have
    }
    const wasWorst = !!(this.marks[id] && this.marks[id].worst);
    if (field === "worst" && target.checked) {
      this.setWorst(id);
    }
    const worst = field === "worst" ? target.checked : wasWorst;
    if (side || symptoms.length || worst) {
      this.marks[id] = { side: side, symptoms: symptoms, worst: worst };
    } else {
      delete this.marks[id];
    }
    this.commit();
  };

  // ---------------------------------------------------------------------------------------
  // The panel that opens next to a region

  BodyChart.prototype.buildPopover = function () {
    const self = this;
    popoverSerial += 1;
    const uid = this.prefix + "-pop" + popoverSerial;
    const pop = document.createElement("div");
    pop.className = "bc-popover";
    pop.hidden = true;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-modal", "true"); // focus is kept inside while it is open
    pop.setAttribute("aria-labelledby", uid + "-title");
    pop.tabIndex = -1;

    const head = document.createElement("div");
    head.className = "bc-pop-head";
    const title = document.createElement("h3");
    title.className = "bc-pop-title";
    title.id = uid + "-title";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "bc-pop-close";
    close.setAttribute("aria-label", word("close", {}));
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      self.closePopover(true);
    });
    head.appendChild(title);
    head.appendChild(close);
    pop.appendChild(head);

    // Side (lateral regions only)
    const sides = document.createElement("fieldset");
    sides.className = "bc-pop-group bc-pop-sides";
    const sidesLegend = document.createElement("legend");
    sidesLegend.textContent = word("side", {});
    sides.appendChild(sidesLegend);
    ["left", "right", "both"].forEach(function (value) {
      const label = document.createElement("label");
      label.className = "bc-pop-option";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = uid + "-side";
      input.value = value;
      input.className = "form-check-input";
      input.addEventListener("change", function () {
        if (input.checked) {
          self.popoverMark().side = value;
          self.commit();
        }
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + word(value, {})));
      sides.appendChild(label);
    });
    pop.appendChild(sides);

    // Symptom types
    const types = document.createElement("fieldset");
    types.className = "bc-pop-group bc-pop-symptoms";
    const typesLegend = document.createElement("legend");
    typesLegend.textContent = word("symptoms", {});
    types.appendChild(typesLegend);
    this.symptoms.forEach(function (symptom) {
      const label = document.createElement("label");
      label.className = "bc-pop-option";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = symptom.value;
      input.className = "form-check-input";
      input.addEventListener("change", function () {
        const mark = self.popoverMark();
        const chosen = mark.symptoms.filter(function (s) {
          return s !== symptom.value;
        });
        if (input.checked) {
          chosen.push(symptom.value);
        }
        mark.symptoms = self.symptomOrder.filter(function (s) {
          return chosen.indexOf(s) >= 0;
        });
        self.commit();
      });
      // Same pattern as the drawing (inline SVGs share the page's ids).
      const swatch = document.createElement("span");
      swatch.className = "bc-swatch";
      swatch.setAttribute("aria-hidden", "true");
      const swatchSvg = svgEl("svg", { viewBox: "0 0 36 24", focusable: "false" });
      swatchSvg.appendChild(
        svgEl("rect", {
          x: "1",
          y: "1",
          width: "34",
          height: "22",
          rx: "3",
          fill: self.fillFor([symptom.value]),
          stroke: "#3f4a56",
        }),
      );
      swatch.appendChild(swatchSvg);
      label.appendChild(input);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(symptom.label));
      types.appendChild(label);
    });
    pop.appendChild(types);

    const warning = document.createElement("p");
    warning.className = "bc-pop-warning";
    warning.hidden = true;
    warning.textContent = word("needType", {});
    pop.appendChild(warning);

    const worstLabel = document.createElement("label");
    worstLabel.className = "bc-pop-option bc-pop-worst";
    const worst = document.createElement("input");
    worst.type = "checkbox";
    worst.className = "form-check-input";
    worst.addEventListener("change", function () {
      if (worst.checked) {
        self.setWorst(self.popoverShape.getAttribute("data-region"));
      } else {
        self.popoverMark().worst = false;
      }
      self.commit();
    });
    worstLabel.appendChild(worst);
    worstLabel.appendChild(document.createTextNode(" " + word("worstLabel", {})));
    pop.appendChild(worstLabel);

    const actions = document.createElement("div");
    actions.className = "bc-pop-actions";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-outline-danger btn-sm bc-pop-remove";
    remove.textContent = word("remove", {});
    remove.addEventListener("click", function () {
      delete self.marks[self.popoverShape.getAttribute("data-region")];
      self.commit();
      self.closePopover(true);
    });
    const done = document.createElement("button");
    done.type = "button";
    done.className = "btn btn-primary btn-sm bc-pop-done";
    done.textContent = word("done", {});
    done.addEventListener("click", function () {
      self.closePopover(true);
    });
    actions.appendChild(remove);
    actions.appendChild(done);
    pop.appendChild(actions);

    pop.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        event.stopPropagation();
        self.closePopover(true);
      } else if (event.key === "Tab") {
        self.trapTab(event);
      }
    });

    this.popover = pop;
    this.pop = {
      title: title,
      sides: sides,
      sideInputs: Array.prototype.slice.call(sides.querySelectorAll("input")),
      symptomInputs: Array.prototype.slice.call(types.querySelectorAll("input")),
      warning: warning,
      worst: worst,
    };
    this.chart.appendChild(pop);
  };

  BodyChart.prototype.popoverMark = function () {
    const id = this.popoverShape.getAttribute("data-region");
    if (!this.marks[id]) {
      // Removed from the list view while the panel was open: start again.
      this.marks[id] = { side: this.popoverShape.getAttribute("data-side"), symptoms: [], worst: false };
    }
    return this.marks[id];
  };

  BodyChart.prototype.fillPopover = function () {
    const id = this.popoverShape.getAttribute("data-region");
    const region = this.regions[id];
    const mark = this.marks[id];
    if (!mark) {
      this.closePopover(false);
      return;
    }
    this.pop.title.textContent = this.markLabel(id, mark.side);
    this.pop.sides.hidden = !region.lateral;
    this.pop.sideInputs.forEach(function (input) {
      input.checked = input.value === mark.side;
    });
    this.pop.symptomInputs.forEach(function (input) {
      input.checked = mark.symptoms.indexOf(input.value) >= 0;
    });
    this.pop.warning.hidden = mark.symptoms.length > 0;
    this.pop.worst.checked = mark.worst;
  };

  BodyChart.prototype.openPopover = function (shape) {
    if (this.popoverShape && this.popoverShape !== shape) {
      this.popoverShape.setAttribute("aria-expanded", "false");
    }
    this.popoverShape = shape;
    shape.setAttribute("aria-expanded", "true");
    this.fillPopover();
    this.popover.hidden = false;
    this.positionPopover(shape);
    const first =
      this.pop.sideInputs.filter(function (input) {
        return input.checked && !input.closest("fieldset").hidden;
      })[0] || this.pop.symptomInputs[0];
    first.focus();
  };

  BodyChart.prototype.closePopover = function (returnFocus) {
    if (this.popover.hidden) {
      return;
    }
    this.popover.hidden = true;
    const shape = this.popoverShape;
    if (shape) {
      shape.setAttribute("aria-expanded", "false");
    }
    if (shape && returnFocus) {
      shape.focus();
    } else {
      this.clearFocus();
      this.focused = null;
    }
  };

  BodyChart.prototype.focusables = function () {
    return Array.prototype.slice
      .call(this.popover.querySelectorAll("button, input"))
      .filter(function (el) {
        return !el.disabled && !el.closest("[hidden]") && el.offsetParent !== null;
      })
      .filter(function (el) {
        // Only the checked radio of a group is in the tab order.
        return el.type !== "radio" || el.checked;
      });
  };

  BodyChart.prototype.trapTab = function (event) {
    const items = this.focusables();
    if (!items.length) {
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  BodyChart.prototype.positionPopover = function (shape) {
    const pop = this.popover;
    if (window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches) {
      pop.style.left = "";
      pop.style.top = "";
      return; // CSS shows it as a sheet at the bottom of the screen
    }
    const chartBox = this.chart.getBoundingClientRect();
    let ax;
    let ay;
    const ctm = shape.getScreenCTM && shape.getScreenCTM();
    if (ctm) {
      const point = this.svg.createSVGPoint();
      point.x = parseFloat(shape.getAttribute("data-cx"));
      point.y = parseFloat(shape.getAttribute("data-cy"));
      const screen = point.matrixTransform(ctm);
      ax = screen.x - chartBox.left;
      ay = screen.y - chartBox.top;
    } else {
      const box = shape.getBoundingClientRect();
      ax = box.left + box.width / 2 - chartBox.left;
      ay = box.top + box.height / 2 - chartBox.top;
    }
    const width = pop.offsetWidth;
    const height = pop.offsetHeight;
    const gap = 28;
    let left = ax + gap;
    if (left + width > chartBox.width) {
      left = ax - gap - width;
    }
    left = Math.max(0, Math.min(left, Math.max(0, chartBox.width - width)));
    let top = ay - height / 2;
    top = Math.max(0, Math.min(top, Math.max(0, chartBox.height - height)));
    pop.style.left = Math.round(left) + "px";
    pop.style.top = Math.round(top) + "px";
  };

  // ---------------------------------------------------------------------------------------

  function initAll(scope) {
    const base = scope || document;
    const roots = Array.prototype.slice.call(base.querySelectorAll("[data-bodychart]"));
    if (base.matches && base.matches("[data-bodychart]")) {
      roots.push(base);
    }
    roots.forEach(function (root) {
      if (!root.bodychart) {
        root.bodychart = new BodyChart(root);
      }
    });
  }

  window.RestoreBodyChart = { initAll: initAll, BodyChart: BodyChart };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      initAll(document);
    });
  } else {
    initAll(document);
  }
  // Widgets swapped in by htmx.
  document.addEventListener("htmx:load", function (event) {
    initAll(event.target || document);
  });
})();
