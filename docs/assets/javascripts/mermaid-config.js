// Diagram text stays legible: at least 12 px as drawn (tests/test_docs_readable.py measures it).
//
// Mermaid scales a wide diagram down to the content column (688 px at a 1280 px window) however
// small that makes its text: 3-7 px before this file. Here a diagram still shrinks to fit the
// column, but never below 3/4 of its natural size, where its 16 px text is 12 px; a diagram wider
// than that scrolls sideways inside the column (stylesheets/diagrams.css). The diagrams
// themselves are laid out to fit the column.
//
// Material for MkDocs calls mermaid.initialize() itself (each call replaces the previous
// settings), then renders each diagram with mermaid.render() into a closed shadow root, where no
// page CSS reaches: so both calls are wrapped here.
(() => {
  if (typeof mermaid === "undefined") return;
  const SMALLEST_SCALE = 0.75;
  const initialize = mermaid.initialize.bind(mermaid);
  mermaid.initialize = (config = {}) =>
    initialize({
      ...config,
      // Sequence numbers (`autonumber`) are 12 px by default: 16 px like the rest of the text.
      themeCSS: `${config.themeCSS || ""} .sequenceNumber { font-size: 16px; }`,
      // Long messages wrap instead of pushing the participants apart.
      sequence: { ...config.sequence, wrap: true },
    });
  const render = mermaid.render.bind(mermaid);
  mermaid.render = async (...args) => {
    const result = await render(...args);
    // The root <svg> of a diagram that may shrink carries style="max-width: <natural width>px;".
    const svg = result.svg.replace(
      /^(<svg[^>]*?style=")max-width: ([\d.]+)px;/,
      (_, start, width) =>
        `${start}max-width: ${width}px; min-width: ${Math.ceil(width * SMALLEST_SCALE)}px;`,
    );
    return { ...result, svg };
  };
})();
