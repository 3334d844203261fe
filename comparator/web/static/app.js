// Entry point: each page names itself in <body data-page>, and only its module is loaded.
const pages = {
  index: () => import("./search.js"),
  event: () => import("./compare.js"),
  compare: () => import("./compare.js"),
  article: () => import("./compare.js"),
  docs: () => import("./docs.js"),
};

const page = document.body.dataset.page;
if (pages[page]) {
  pages[page]()
    .then((module) => module.start(page))
    .catch((err) => {
      const status = document.querySelector(".status");
      if (status) status.textContent = `This page failed to start: ${err.message}`;
      throw err;
    });
}
