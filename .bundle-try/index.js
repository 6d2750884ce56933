// dist/rules/load-rules.js
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// dist/errors.js
var PricingError = class extends Error {
  /** Always `PricingError`. */
  name = "PricingError";
  /** @param details - what went wrong; the message is written from it */
  constructor(details) {
    super();
    const self = this;
    self.code = details.code;
    if (details.model !== void 0)
      self.model = details.model;
    self.parameter = details.parameter;
    self.allowed = details.allowed;
    self.received = details.received;
    if (details.suggestion !== void 0)
      self.suggestion = details.suggestion;
    if (details.reason !== void 0)
      self.reason = details.reason;
  }
  /** What went wrong, for a person: the model, the parameter, what was received and what is allowed. */
  get message() {
    return pricingMessage(this);
  }
};
function pricingMessage(d) {
  const subject = d.model === void 0 ? "" : `${d.model}: `;
  const allowed = d.allowed.length > 0 ? `; allowed: ${d.allowed.join(", ")}` : "";
  const reason = d.reason === void 0 ? "" : ` (${d.reason})`;
  switch (d.code) {
    case "UNKNOWN_MODEL": {
      const hint = d.suggestion === void 0 ? "" : `; did you mean "${d.suggestion}"?`;
      return `unknown model ${d.received}${hint} (known models: ${d.allowed.join(", ")})`;
    }
    case "MISSING_PARAMETER":
      return `${subject}${d.parameter} is required${d.model === void 0 ? "" : " to price this model"}${allowed}`;
    case "INVALID_PARAMETER":
      return `${subject}${d.parameter} ${d.received} is not valid${allowed}`;
    case "UNSUPPORTED_VALUE":
      return `${subject}${d.parameter} ${d.received} is not priced${reason}${allowed}`;
    case "UNSUPPORTED_MODE":
      return `${subject}${d.parameter}: ${d.received} is not a mode of this model${allowed}`;
    case "TOO_MANY_INPUT_IMAGES":
      return `${subject}${d.parameter} holds ${d.received}${allowed}`;
  }
}
function formatRuleIssue(issue) {
  const tag = issue.severity === "warning" ? "warning: " : "";
  return `${issue.file}:${issue.line}:${issue.col}: ${tag}expected ${issue.expected}, found ${issue.received}`;
}
var RuleSetError = class extends Error {
  /** Always `RuleSetError`. */
  name = "RuleSetError";
  /** Every problem found, errors first, in file order. */
  issues;
  /** @param issues - the problems; at least one is an error */
  constructor(issues) {
    const errors = issues.filter((i) => i.severity === "error");
    const first = errors[0] ?? issues[0];
    super(first === void 0 ? "invalid rule set" : `invalid rule set (${errors.length} error${errors.length === 1 ? "" : "s"}): ${formatRuleIssue(first)}`);
    this.issues = issues;
  }
};
var RuleFileError = class extends RuleSetError {
  /** @param init - the problem and its position */
  constructor(init) {
    super([
      {
        code: init.code,
        severity: "error",
        file: init.file,
        line: init.position.line,
        col: init.position.col,
        pointer: init.pointer,
        expected: init.expected,
        received: init.received
      }
    ]);
  }
};

// dist/rules/bundled-rule-set.generated.js
var BUNDLED_RULE_FILES_HASH = "e51a76d985760a80";
var BUNDLED_RULE_SET = {
  "models": [
    {
      "id": "gpt-image-2",
      "modes": [
        "text-to-image",
        "image-to-image"
      ],
      "maxInputImages": 4,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "flat",
            "credits": 3
          },
          "assumptions": [],
          "source": {
            "section": "Image models",
            "row": "gpt-image-2 | text-to-image, image-to-image | 3 | Flat rate. inputImageUrls up to 4 switches the request into edit mode automatically. |"
          },
          "location": {
            "file": "10-gpt-image.json",
            "pointer": "/models/0/price",
            "line": 9,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Image models",
        "row": "gpt-image-2 | text-to-image, image-to-image | 3 | Flat rate. inputImageUrls up to 4 switches the request into edit mode automatically. |"
      },
      "note": "inputImageUrls up to 4 switches the request into edit mode automatically.",
      "location": {
        "file": "10-gpt-image.json",
        "pointer": "/models/0",
        "line": 5,
        "col": 5
      }
    },
    {
      "id": "google/nano-banana",
      "modes": [
        "text-to-image",
        "image-to-image"
      ],
      "maxInputImages": 10,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "flat",
            "credits": 3
          },
          "assumptions": [],
          "source": {
            "section": "Image models",
            "row": "google/nano-banana | text-to-image, image-to-image | 3 | Flat rate. inputImageUrls up to 10. |"
          },
          "location": {
            "file": "20-nano-banana.json",
            "pointer": "/models/0/price",
            "line": 9,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Image models",
        "row": "google/nano-banana | text-to-image, image-to-image | 3 | Flat rate. inputImageUrls up to 10. |"
      },
      "note": "inputImageUrls up to 10.",
      "location": {
        "file": "20-nano-banana.json",
        "pointer": "/models/0",
        "line": 5,
        "col": 5
      }
    },
    {
      "id": "nano-banana-2",
      "modes": [
        "text-to-image",
        "image-to-image"
      ],
      "maxInputImages": 14,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-resolution",
            "resolutions": [
              "1K",
              "2K",
              "4K"
            ],
            "credits": [
              4,
              6,
              8
            ]
          },
          "assumptions": [],
          "source": {
            "section": "Image models",
            "row": "nano-banana-2 | text-to-image, image-to-image | 4, 6, 8 | 1K = 4, 2K = 6, 4K = 8. |"
          },
          "location": {
            "file": "20-nano-banana.json",
            "pointer": "/models/1/price",
            "line": 23,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Image models",
        "row": "nano-banana-2 | text-to-image, image-to-image | 4, 6, 8 | 1K = 4, 2K = 6, 4K = 8. |"
      },
      "location": {
        "file": "20-nano-banana.json",
        "pointer": "/models/1",
        "line": 19,
        "col": 5
      }
    },
    {
      "id": "nano-banana-pro",
      "modes": [
        "text-to-image",
        "image-to-image"
      ],
      "maxInputImages": 8,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-resolution",
            "resolutions": [
              "2K",
              "4K"
            ],
            "credits": [
              12,
              20
            ]
          },
          "assumptions": [],
          "source": {
            "section": "Image models",
            "row": "nano-banana-pro | text-to-image, image-to-image | 12, 20 | 2K = 12, 4K = 20. |"
          },
          "location": {
            "file": "20-nano-banana.json",
            "pointer": "/models/2/price",
            "line": 37,
            "col": 16
          }
        }
      ],
      "unpriced": [
        {
          "parameter": "resolution",
          "value": "1K",
          "reason": "accepted upstream, but the price list gives no 1K price for nano-banana-pro",
          "openQuestion": true
        }
      ],
      "source": {
        "section": "Image models",
        "row": "nano-banana-pro | text-to-image, image-to-image | 12, 20 | 2K = 12, 4K = 20. |"
      },
      "location": {
        "file": "20-nano-banana.json",
        "pointer": "/models/2",
        "line": 33,
        "col": 5
      }
    },
    {
      "id": "kling/v2-1-standard",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              11,
              22
            ]
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "kling/v2-1-standard | image-to-video | 11, 22 | 5s = 11, 10s = 22. |"
          },
          "location": {
            "file": "30-kling.json",
            "pointer": "/models/0/price",
            "line": 8,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "kling/v2-1-standard | image-to-video | 11, 22 | 5s = 11, 10s = 22. |"
      },
      "location": {
        "file": "30-kling.json",
        "pointer": "/models/0",
        "line": 5,
        "col": 5
      }
    },
    {
      "id": "kling/v2-1-pro",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              21,
              42
            ]
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "kling/v2-1-pro | image-to-video | 21, 42 | 5s = 21, 10s = 42. |"
          },
          "location": {
            "file": "30-kling.json",
            "pointer": "/models/1/price",
            "line": 21,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "kling/v2-1-pro | image-to-video | 21, 42 | 5s = 21, 10s = 42. |"
      },
      "location": {
        "file": "30-kling.json",
        "pointer": "/models/1",
        "line": 18,
        "col": 5
      }
    },
    {
      "id": "kling/v2-1-master-text-to-video",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              67,
              134
            ]
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "kling/v2-1-master-text-to-video | text-to-video | 67, 134 | 5s = 67, 10s = 134. |"
          },
          "location": {
            "file": "30-kling.json",
            "pointer": "/models/2/price",
            "line": 35,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "kling/v2-1-master-text-to-video | text-to-video | 67, 134 | 5s = 67, 10s = 134. |"
      },
      "location": {
        "file": "30-kling.json",
        "pointer": "/models/2",
        "line": 31,
        "col": 5
      }
    },
    {
      "id": "sora-2-text-to-video",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              20
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                5,
                10,
                20
              ],
              [
                8,
                15,
                30
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 20 s",
                "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
              }
            ]
          },
          "profile": "sora-2",
          "assumptions": [
            {
              "about": "durations 5, 10 and 20 s",
              "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "sora-2-text-to-video | text-to-video | 5, 10, 20 at 720p; 8, 15, 30 at 1080p | Duration and resolution both affect credits. |"
          },
          "location": {
            "file": "40-sora-2.json",
            "pointer": "/profiles/sora-2",
            "line": 5,
            "col": 15
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "sora-2-text-to-video | text-to-video | 5, 10, 20 at 720p; 8, 15, 30 at 1080p | Duration and resolution both affect credits. |"
      },
      "location": {
        "file": "40-sora-2.json",
        "pointer": "/models/0",
        "line": 19,
        "col": 5
      }
    },
    {
      "id": "sora-2-pro-text-to-video",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              20
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                16,
                32,
                64
              ],
              [
                24,
                48,
                96
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 20 s",
                "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
              }
            ]
          },
          "assumptions": [
            {
              "about": "durations 5, 10 and 20 s",
              "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "sora-2-pro-text-to-video | text-to-video | 16, 32, 64 at 720p; 24, 48, 96 at 1080p | Duration and resolution both affect credits. |"
          },
          "location": {
            "file": "40-sora-2.json",
            "pointer": "/models/1/price",
            "line": 35,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "sora-2-pro-text-to-video | text-to-video | 16, 32, 64 at 720p; 24, 48, 96 at 1080p | Duration and resolution both affect credits. |"
      },
      "location": {
        "file": "40-sora-2.json",
        "pointer": "/models/1",
        "line": 31,
        "col": 5
      }
    },
    {
      "id": "sora-2-image-to-video",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              20
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                5,
                10,
                20
              ],
              [
                8,
                15,
                30
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 20 s",
                "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
              }
            ]
          },
          "profile": "sora-2",
          "assumptions": [
            {
              "about": "durations 5, 10 and 20 s",
              "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "sora-2-image-to-video | image-to-video | 5, 10, 20 at 720p; 8, 15, 30 at 1080p | Same pricing profile as sora-2-text-to-video. |"
          },
          "location": {
            "file": "40-sora-2.json",
            "pointer": "/profiles/sora-2",
            "line": 5,
            "col": 15
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "sora-2-image-to-video | image-to-video | 5, 10, 20 at 720p; 8, 15, 30 at 1080p | Same pricing profile as sora-2-text-to-video. |"
      },
      "location": {
        "file": "40-sora-2.json",
        "pointer": "/models/2",
        "line": 52,
        "col": 5
      }
    },
    {
      "id": "hailuo/02-text-to-video-standard",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              13,
              21
            ]
          },
          "profile": "hailuo-02-standard",
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "hailuo/02-text-to-video-standard | text-to-video | 13, 21 | 5s = 13, 10s = 21. |"
          },
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-standard",
            "line": 5,
            "col": 27
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "hailuo/02-text-to-video-standard | text-to-video | 13, 21 | 5s = 13, 10s = 21. |"
      },
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/models/0",
        "line": 17,
        "col": 5
      }
    },
    {
      "id": "hailuo/02-text-to-video-pro",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              24,
              48
            ]
          },
          "profile": "hailuo-02-pro",
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "hailuo/02-text-to-video-pro | text-to-video | 24, 48 | 5s = 24, 10s = 48. |"
          },
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-pro",
            "line": 10,
            "col": 22
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "hailuo/02-text-to-video-pro | text-to-video | 24, 48 | 5s = 24, 10s = 48. |"
      },
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/models/1",
        "line": 29,
        "col": 5
      }
    },
    {
      "id": "hailuo/02-image-to-video-standard",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              13,
              21
            ]
          },
          "profile": "hailuo-02-standard",
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "hailuo/02-image-to-video-standard | image-to-video | 13, 21 | Same pricing profile as hailuo/02-text-to-video-standard. |"
          },
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-standard",
            "line": 5,
            "col": 27
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "hailuo/02-image-to-video-standard | image-to-video | 13, 21 | Same pricing profile as hailuo/02-text-to-video-standard. |"
      },
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/models/2",
        "line": 41,
        "col": 5
      }
    },
    {
      "id": "hailuo/02-image-to-video-pro",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              24,
              48
            ]
          },
          "profile": "hailuo-02-pro",
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "hailuo/02-image-to-video-pro | image-to-video | 24, 48 | Same pricing profile as hailuo/02-text-to-video-pro. |"
          },
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-pro",
            "line": 10,
            "col": 22
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "hailuo/02-image-to-video-pro | image-to-video | 24, 48 | Same pricing profile as hailuo/02-text-to-video-pro. |"
      },
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/models/3",
        "line": 52,
        "col": 5
      }
    },
    {
      "id": "veo3_fast",
      "modes": [
        "text-to-video",
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "flat",
            "credits": 9,
            "clipSeconds": 8
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "veo3_fast | text-to-video, image-to-video | 9 | Flat rate per 8-second clip. |"
          },
          "location": {
            "file": "60-veo.json",
            "pointer": "/models/0/price",
            "line": 8,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "veo3_fast | text-to-video, image-to-video | 9 | Flat rate per 8-second clip. |"
      },
      "location": {
        "file": "60-veo.json",
        "pointer": "/models/0",
        "line": 5,
        "col": 5
      }
    },
    {
      "id": "veo3",
      "modes": [
        "text-to-video",
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "flat",
            "credits": 63,
            "clipSeconds": 8
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "veo3 | text-to-video, image-to-video | 63 | Flat rate per 8-second clip. |"
          },
          "location": {
            "file": "60-veo.json",
            "pointer": "/models/1/price",
            "line": 21,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "veo3 | text-to-video, image-to-video | 63 | Flat rate per 8-second clip. |"
      },
      "location": {
        "file": "60-veo.json",
        "pointer": "/models/1",
        "line": 18,
        "col": 5
      }
    },
    {
      "id": "veo3_lite",
      "modes": [
        "text-to-video",
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "flat",
            "credits": 5,
            "clipSeconds": 8
          },
          "assumptions": [],
          "source": {
            "section": "Video models",
            "row": "veo3_lite | text-to-video, image-to-video | 5 | Flat rate per 8-second clip. |"
          },
          "location": {
            "file": "60-veo.json",
            "pointer": "/models/2/price",
            "line": 34,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "veo3_lite | text-to-video, image-to-video | 5 | Flat rate per 8-second clip. |"
      },
      "location": {
        "file": "60-veo.json",
        "pointer": "/models/2",
        "line": 31,
        "col": 5
      }
    },
    {
      "id": "wan/2-6-text-to-video",
      "modes": [
        "text-to-video"
      ],
      "maxInputImages": 0,
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              15
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                30,
                60,
                90
              ],
              [
                45,
                89,
                133
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 15 s",
                "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
              }
            ]
          },
          "profile": "wan-2-6",
          "assumptions": [
            {
              "about": "durations 5, 10 and 15 s",
              "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "wan/2-6-text-to-video | text-to-video | 30, 60, 90 at 720p; 45, 89, 133 at 1080p | Duration and resolution both affect credits. |"
          },
          "location": {
            "file": "70-wan.json",
            "pointer": "/profiles/wan-2-6",
            "line": 5,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "wan/2-6-text-to-video | text-to-video | 30, 60, 90 at 720p; 45, 89, 133 at 1080p | Duration and resolution both affect credits. |"
      },
      "location": {
        "file": "70-wan.json",
        "pointer": "/models/0",
        "line": 19,
        "col": 5
      }
    },
    {
      "id": "wan/2-6-image-to-video",
      "modes": [
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              15
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                30,
                60,
                90
              ],
              [
                45,
                89,
                133
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 15 s",
                "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
              }
            ]
          },
          "profile": "wan-2-6",
          "assumptions": [
            {
              "about": "durations 5, 10 and 15 s",
              "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "wan/2-6-image-to-video | image-to-video | 30, 60, 90 at 720p; 45, 89, 133 at 1080p | Same pricing profile as wan/2-6-text-to-video. |"
          },
          "location": {
            "file": "70-wan.json",
            "pointer": "/profiles/wan-2-6",
            "line": 5,
            "col": 16
          }
        }
      ],
      "unpriced": [],
      "source": {
        "section": "Video models",
        "row": "wan/2-6-image-to-video | image-to-video | 30, 60, 90 at 720p; 45, 89, 133 at 1080p | Same pricing profile as wan/2-6-text-to-video. |"
      },
      "location": {
        "file": "70-wan.json",
        "pointer": "/models/1",
        "line": 31,
        "col": 5
      }
    },
    {
      "id": "bytedance/seedance-1.5-pro",
      "modes": [
        "text-to-video",
        "image-to-video"
      ],
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                18,
                36
              ],
              [
                27,
                54
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5 and 10 s",
                "reason": "The price list gives two prices per resolution without durations, scaling 1:2; 5 and 10 s are the API's common durations (upstream takes 4 to 12 s)."
              }
            ]
          },
          "assumptions": [
            {
              "about": "durations 5 and 10 s",
              "reason": "The price list gives two prices per resolution without durations, scaling 1:2; 5 and 10 s are the API's common durations (upstream takes 4 to 12 s)."
            }
          ],
          "source": {
            "section": "Video models",
            "row": "bytedance/seedance-1.5-pro | text-to-video, image-to-video | 18, 36 at 720p; 27, 54 at 1080p | Duration and resolution both affect credits. |"
          },
          "location": {
            "file": "80-seedance.json",
            "pointer": "/models/0/price",
            "line": 8,
            "col": 16
          }
        }
      ],
      "unpriced": [
        {
          "parameter": "resolution",
          "value": "480p",
          "reason": "accepted upstream, but the price list gives no 480p price for Seedance 1.5 Pro"
        }
      ],
      "source": {
        "section": "Video models",
        "row": "bytedance/seedance-1.5-pro | text-to-video, image-to-video | 18, 36 at 720p; 27, 54 at 1080p | Duration and resolution both affect credits. |"
      },
      "location": {
        "file": "80-seedance.json",
        "pointer": "/models/0",
        "line": 5,
        "col": 5
      }
    }
  ],
  "profiles": [
    {
      "name": "sora-2",
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              20
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                5,
                10,
                20
              ],
              [
                8,
                15,
                30
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 20 s",
                "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
              }
            ]
          },
          "assumptions": [
            {
              "about": "durations 5, 10 and 20 s",
              "reason": "The price list gives three prices per resolution without durations. They scale 1:2:4, and the API reference names 5, 10, 15 and 20 s as common durations: 5/10/20 is the only set that fits both."
            }
          ],
          "location": {
            "file": "40-sora-2.json",
            "pointer": "/profiles/sora-2",
            "line": 5,
            "col": 15
          }
        }
      ],
      "location": {
        "file": "40-sora-2.json",
        "pointer": "/profiles/sora-2",
        "line": 5,
        "col": 15
      }
    },
    {
      "name": "hailuo-02-standard",
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              13,
              21
            ]
          },
          "assumptions": [],
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-standard",
            "line": 5,
            "col": 27
          }
        }
      ],
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/profiles/hailuo-02-standard",
        "line": 5,
        "col": 27
      }
    },
    {
      "name": "hailuo-02-pro",
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "per-duration",
            "durations": [
              5,
              10
            ],
            "credits": [
              24,
              48
            ]
          },
          "assumptions": [],
          "location": {
            "file": "50-hailuo.json",
            "pointer": "/profiles/hailuo-02-pro",
            "line": 10,
            "col": 22
          }
        }
      ],
      "location": {
        "file": "50-hailuo.json",
        "pointer": "/profiles/hailuo-02-pro",
        "line": 10,
        "col": 22
      }
    },
    {
      "name": "wan-2-6",
      "versions": [
        {
          "from": null,
          "effectiveFrom": null,
          "price": {
            "kind": "duration-by-resolution",
            "durations": [
              5,
              10,
              15
            ],
            "resolutions": [
              "720p",
              "1080p"
            ],
            "credits": [
              [
                30,
                60,
                90
              ],
              [
                45,
                89,
                133
              ]
            ],
            "assumptions": [
              {
                "about": "durations 5, 10 and 15 s",
                "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
              }
            ]
          },
          "assumptions": [
            {
              "about": "durations 5, 10 and 15 s",
              "reason": "The price list gives three prices per resolution without durations. Wan 2.6 takes 5, 10 or 15 s upstream, and the prices scale 1:2:3."
            }
          ],
          "location": {
            "file": "70-wan.json",
            "pointer": "/profiles/wan-2-6",
            "line": 5,
            "col": 16
          }
        }
      ],
      "location": {
        "file": "70-wan.json",
        "pointer": "/profiles/wan-2-6",
        "line": 5,
        "col": 16
      }
    }
  ],
  "files": [
    "10-gpt-image.json",
    "20-nano-banana.json",
    "30-kling.json",
    "40-sora-2.json",
    "50-hailuo.json",
    "60-veo.json",
    "70-wan.json",
    "80-seedance.json"
  ]
};

// dist/instant.js
var INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;
var EARLIEST_INSTANT = -864e13;
var INSTANT_FORMS = ["an ISO 8601 date (2027-01-01, midnight UTC)", "a date-time with Z or an offset (2027-01-01T09:30:00Z)"];
function daysInMonth(year, month) {
  if (month === 2)
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function parseInstant(text) {
  if ((text.length === 20 || text.length === 24) && text.charCodeAt(text.length - 1) === 90) {
    const fast = parseUtcDateTime(text);
    if (fast !== void 0)
      return fast;
  }
  const m = INSTANT.exec(text);
  if (m === null)
    return void 0;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0));
  const millis = Number((m[7] ?? "0").padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return void 0;
  let offset = 0;
  if (m[8] !== void 0 && m[8] !== "Z") {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetHours > 23 || offsetMinutes > 59)
      return void 0;
    offset = (m[8].startsWith("-") ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 6e4;
}
function twoDigits(text, i) {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
function parseUtcDateTime(text) {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
    return void 0;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let millis = 0;
  if (text.length === 24) {
    const m = twoDigits(text, 20);
    const last = text.charCodeAt(22) - 48;
    if (text.charCodeAt(19) !== 46 || m < 0 || last < 0 || last > 9)
      return void 0;
    millis = m * 10 + last;
  }
  const year = century * 100 + yy;
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return void 0;
  return daysFromCivil(year, month, day) * 864e5 + ((hour * 60 + minute) * 60 + second) * 1e3 + millis;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
function formatInstant(ms) {
  return new Date(ms).toISOString();
}
function readInstant(at) {
  if (at === void 0)
    return Date.now();
  let ms;
  if (typeof at === "number")
    ms = at;
  else if (typeof at === "string")
    ms = parseInstant(at);
  else if (at instanceof Date)
    ms = at.getTime();
  if (ms !== void 0 && Number.isFinite(ms) && Math.abs(ms) <= -EARLIEST_INSTANT)
    return ms;
  const received = typeof at === "string" ? JSON.stringify(at.length > 64 ? `${at.slice(0, 61)}...` : at) : at instanceof Date ? "an invalid Date" : typeof at === "number" ? String(at) : at === null ? "null" : `a ${typeof at}`;
  throw new PricingError({ code: "INVALID_PARAMETER", parameter: "at", allowed: ["a Date", ...INSTANT_FORMS, "epoch milliseconds"], received });
}

// dist/rules/json-source.js
var MAX_DEPTH = 64;
var MAX_RULE_FILE_CHARS = 1e7;
function escapePointerToken(token) {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
function readJsonSource(file, text) {
  if (text.length > MAX_RULE_FILE_CHARS) {
    throw new RuleFileError({ code: "FILE_TOO_LARGE", file, position: { line: 1, col: 1 }, pointer: "", expected: `a rule file of at most ${MAX_RULE_FILE_CHARS / 1e6} MB`, received: `${(text.length / 1e6).toFixed(1)} MB` });
  }
  const bom = text.charCodeAt(0) === 65279 ? 1 : 0;
  const lineStarts = [bom];
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) === 10)
      lineStarts.push(i + 1);
  const at = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (lineStarts[mid] <= offset)
        lo = mid;
      else
        hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo] + 1 };
  };
  const positions = /* @__PURE__ */ new Map();
  let pos = bom;
  const describe2 = (offset) => {
    if (offset >= text.length)
      return "end of file";
    const token = /^"(?:[^"\\\n]|\\.){0,40}"?|^[^\s,:{}[\]"]{1,20}|^./.exec(text.slice(offset))?.[0] ?? "";
    return token.startsWith('"') ? `the string ${token}` : `"${token}"`;
  };
  const fail = (expected, offset = pos) => {
    throw new RuleFileError({
      code: "JSON_SYNTAX",
      file,
      position: at(Math.min(offset, text.length)),
      pointer: "",
      expected,
      received: describe2(offset)
    });
  };
  const skipWhitespace = () => {
    for (; ; ) {
      const code = text.charCodeAt(pos);
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13)
        return;
      pos++;
    }
  };
  const readString = () => {
    const start = pos;
    pos++;
    let out = "";
    let run = pos;
    for (; ; ) {
      if (pos >= text.length)
        fail('a closing "', start);
      const code = text.charCodeAt(pos);
      if (code === 34) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (code === 92) {
        out += text.slice(run, pos);
        const esc = text[pos + 1];
        const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
        if (esc !== void 0 && esc in simple) {
          out += simple[esc];
          pos += 2;
        } else if (esc === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail("a valid escape sequence", pos);
        }
        run = pos;
      } else if (code < 32) {
        fail("no control characters inside a string", pos);
      } else {
        pos++;
      }
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = () => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match)
      return fail("a JSON value");
    pos += match[0].length;
    return Number(match[0]);
  };
  let depth = 0;
  const nested = (read) => {
    if (++depth > MAX_DEPTH)
      fail(`at most ${MAX_DEPTH} nested arrays and objects`);
    const value2 = read();
    depth--;
    return value2;
  };
  const readValue = (pointer) => {
    skipWhitespace();
    positions.set(pointer, pos);
    const ch = text[pos];
    if (ch === "{")
      return nested(() => readObject(pointer));
    if (ch === "[")
      return nested(() => readArray(pointer));
    if (ch === '"')
      return readString();
    if (ch === "-" || ch !== void 0 && ch >= "0" && ch <= "9")
      return readNumber();
    for (const [word, value2] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value2;
      }
    }
    return fail("a JSON value");
  };
  const readObject = (pointer) => {
    pos++;
    const out = /* @__PURE__ */ Object.create(null);
    const seen = /* @__PURE__ */ new Map();
    skipWhitespace();
    if (text[pos] === "}") {
      pos++;
      return out;
    }
    for (; ; ) {
      skipWhitespace();
      if (text[pos] !== '"')
        fail("a property name in double quotes");
      const keyOffset = pos;
      const key = readString();
      const first = seen.get(key);
      if (first !== void 0) {
        const firstAt = at(first);
        throw new RuleFileError({
          code: "DUPLICATE_KEY",
          file,
          position: at(keyOffset),
          pointer: `${pointer}/${escapePointerToken(key)}`,
          expected: `each key once (the first "${key}" is at ${firstAt.line}:${firstAt.col})`,
          received: `"${key}" again`
        });
      }
      seen.set(key, keyOffset);
      skipWhitespace();
      if (text[pos] !== ":")
        fail('":" after the property name');
      pos++;
      out[key] = readValue(`${pointer}/${escapePointerToken(key)}`);
      skipWhitespace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "}") {
        pos++;
        return out;
      }
      fail('"," or "}"');
    }
  };
  const readArray = (pointer) => {
    pos++;
    const out = [];
    skipWhitespace();
    if (text[pos] === "]") {
      pos++;
      return out;
    }
    for (; ; ) {
      out.push(readValue(`${pointer}/${out.length}`));
      skipWhitespace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "]") {
        pos++;
        return out;
      }
      fail('"," or "]"');
    }
  };
  const value = readValue("");
  skipWhitespace();
  if (pos < text.length)
    fail("end of file after the top-level value");
  return {
    file,
    value,
    positionOf(pointer) {
      let p = pointer;
      for (; ; ) {
        const offset = positions.get(p);
        if (offset !== void 0)
          return at(offset);
        if (p === "")
          return { line: 1, col: 1 };
        p = p.slice(0, p.lastIndexOf("/"));
      }
    }
  };
}

// dist/rules/rule-file-validator.js
import { createRequire } from "node:module";
var loaded;
function ruleFileValidator() {
  loaded ??= createRequire(import.meta.url)("./rule-file-validator.generated.cjs");
  return loaded;
}

// dist/rules/schema-validation.js
function checkSchema(source) {
  const validate = ruleFileValidator();
  if (validate(source.value))
    return [];
  const issues = [];
  const seen = /* @__PURE__ */ new Set();
  for (const error of validate.errors ?? []) {
    if (error.keyword === "if" || /\/oneOf\/\d+\/required$/.test(error.schemaPath))
      continue;
    const { pointer, expected, received } = describe(error);
    const key = `${pointer}\0${expected}`;
    if (seen.has(key))
      continue;
    seen.add(key);
    const at = source.positionOf(pointer);
    issues.push({ code: "SCHEMA", severity: "error", file: source.file, line: at.line, col: at.col, pointer, expected, received });
  }
  return issues;
}
function renderValue(value) {
  if (value === void 0)
    return "nothing";
  if (Array.isArray(value))
    return `an array of ${value.length}`;
  if (value !== null && typeof value === "object")
    return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}
function describe(error) {
  const params = error.params;
  const schema = error.parentSchema ?? {};
  const what = schema.description === void 0 ? "" : ` (${schema.description.replace(/\.$/, "")})`;
  const received = renderValue(error.data);
  switch (error.keyword) {
    case "required":
      return {
        pointer: error.instancePath,
        expected: `property "${String(params.missingProperty)}"`,
        received: "an object without it"
      };
    case "additionalProperties": {
      const allowed = Object.keys(schema.properties ?? {});
      return {
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        expected: `only the properties ${allowed.map((k) => `"${k}"`).join(", ")}`,
        received: `unknown property "${String(params.additionalProperty)}"`
      };
    }
    case "type":
      return { pointer: error.instancePath, expected: `${article(String(params.type))}${what}`, received };
    case "enum":
      return {
        pointer: error.instancePath,
        expected: `one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`,
        received
      };
    case "minimum":
      return { pointer: error.instancePath, expected: `a number \u2265 ${String(params.limit)}${what}`, received };
    case "maximum":
      return { pointer: error.instancePath, expected: `a number \u2264 ${String(params.limit)} (the largest whole number arithmetic keeps exact)${what}`, received };
    case "pattern":
      return { pointer: error.instancePath, expected: `a string matching ${String(params.pattern)}${what}`, received };
    case "oneOf": {
      const both = Array.isArray(params.passingSchemas);
      const options = (error.schema ?? []).map((branch) => `"${branch.required?.[0] ?? "?"}"`).join(" or ");
      return { pointer: error.instancePath, expected: `exactly one of the properties ${options}`, received: both ? "both" : "neither" };
    }
    case "minItems":
      return { pointer: error.instancePath, expected: `at least ${String(params.limit)} item(s)`, received };
    case "minLength":
      return { pointer: error.instancePath, expected: "a non-empty string", received };
    case "uniqueItems":
      return {
        pointer: `${error.instancePath}/${String(params.i)}`,
        expected: "each item once",
        received: `a repeat of item ${String(params.j)}`
      };
    default:
      return { pointer: error.instancePath, expected: `a value that ${error.message ?? "conforms to the schema"}`, received };
  }
}
function article(type) {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// dist/request.js
var MISSING = /* @__PURE__ */ Symbol("missing");
var INVALID = /* @__PURE__ */ Symbol("invalid");
var DURATION_TEXT = /^[1-9][0-9]{0,14}s?$/;
function readDuration(value) {
  if (typeof value === "number")
    return Number.isSafeInteger(value) && value > 0 ? value : INVALID;
  if (value === void 0 || value === null)
    return MISSING;
  if (typeof value === "string" && DURATION_TEXT.test(value))
    return Number.parseInt(value, 10);
  return INVALID;
}
function asciiLowerCase(text) {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
function readResolution(value) {
  if (typeof value === "string")
    return value.length > 0 ? value : INVALID;
  if (value === void 0 || value === null)
    return MISSING;
  return INVALID;
}
var INPUT_MODES = ["text_to_video", "image_to_video"];
function readInputMode(value) {
  if (value === "text_to_video" || value === "text-to-video")
    return "text_to_video";
  if (value === "image_to_video" || value === "image-to-video")
    return "image_to_video";
  if (value === void 0 || value === null)
    return MISSING;
  return INVALID;
}
function countInputImages(value) {
  if (value === void 0 || value === null)
    return 0;
  return Array.isArray(value) ? value.length : INVALID;
}
var ECHOED_CHARACTERS = 64;
function echo(text) {
  return JSON.stringify(text.length > ECHOED_CHARACTERS ? `${text.slice(0, ECHOED_CHARACTERS - 3)}...` : text);
}
function describeValue(value) {
  if (value === void 0 || value === null)
    return "missing";
  if (typeof value === "number")
    return String(value);
  if (Array.isArray(value))
    return "an array";
  if (typeof value === "object")
    return "an object";
  if (typeof value === "string")
    return echo(value);
  return `a ${typeof value}`;
}

// dist/suggest.js
function editDistance(a, b) {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
    }
    previous = current;
  }
  return previous[t.length];
}
function nearest(name, candidates) {
  const lower = name.toLowerCase();
  let best = candidates[0];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const contains = lower.length >= 3 && candidate.toLowerCase().includes(lower);
    const score = contains ? distance / 100 : distance;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

// dist/rules/semantic-checks.js
function checkSemantics(files) {
  const issues = [];
  const report = (source, code, pointer, expected, received) => {
    const at = source.positionOf(pointer);
    issues.push({ code, severity: "error", file: source.file, line: at.line, col: at.col, pointer, expected, received });
  };
  const where = (source, pointer) => {
    const at = source.positionOf(pointer);
    return `${source.file}:${at.line}:${at.col}`;
  };
  const profiles = /* @__PURE__ */ new Map();
  const profileTables = /* @__PURE__ */ new Map();
  for (const { source, rule } of files) {
    for (const [name, declared] of Object.entries(rule.profiles ?? {})) {
      const pointer = `/profiles/${escapePointerToken(name)}`;
      const first = profiles.get(name);
      if (first === void 0)
        profiles.set(name, where(source, pointer));
      else
        report(source, "DUPLICATE_PROFILE", pointer, `profile "${name}" declared once (first at ${first})`, "a second declaration");
      const reportHere = (code, at, expected, received) => report(source, code, at, expected, received);
      const versions = versionsOf(declared);
      if (isDated(declared)) {
        checkVersionDates(versions, `${pointer}/prices`, reportHere);
        if (versions[0]?.from !== void 0) {
          reportHere("DATED_PROFILE_START", `${pointer}/prices/0/from`, 'a first profile version without "from": a shared profile is priced since always (a model that adopts it later gives its own version a date)', `"${versions[0].from}"`);
        }
      }
      versions.forEach((version, i) => checkPriceTable(version.price, isDated(declared) ? `${pointer}/prices/${i}/price` : pointer, reportHere));
      if (first === void 0)
        profileTables.set(name, versions.map((v) => v.price));
    }
  }
  const models = /* @__PURE__ */ new Map();
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const pointer = `/models/${index}`;
      const reportHere = (code, at, expected, received) => report(source, code, at, expected, received);
      const first = models.get(model.id);
      if (first === void 0)
        models.set(model.id, where(source, `${pointer}/id`));
      else
        report(source, "DUPLICATE_MODEL", `${pointer}/id`, `model "${model.id}" defined once (first at ${first})`, "a second definition");
      const video = model.modes.filter((m) => m.endsWith("-video"));
      if (video.length > 0 && video.length < model.modes.length) {
        report(source, "MIXED_MODES", `${pointer}/modes`, "image modes only or video modes only", model.modes.join(", "));
      }
      const versions = model.prices ?? [{ price: model.price }];
      const pricePointer = (i) => model.prices === void 0 ? `${pointer}/price` : `${pointer}/prices/${i}/price`;
      if (model.prices !== void 0) {
        checkVersionDates(model.prices, `${pointer}/prices`, reportHere);
        model.prices.forEach((version, i) => {
          if (i > 0 && version.source === void 0 && version.reason === void 0) {
            reportHere("VERSION_WITHOUT_PROVENANCE", `${pointer}/prices/${i}`, 'a "source" (the price list row) or a "reason" for the change', "a version with neither");
          }
        });
      }
      const tables = [];
      versions.forEach((version, i) => {
        if ("profile" in version.price) {
          const name = version.price.profile;
          const declared = profileTables.get(name);
          if (declared === void 0) {
            const known = [...profiles.keys()];
            const hint = known.length === 0 ? "no profile is declared" : `"${name}" (did you mean "${nearest(name, known)}"?)`;
            reportHere("UNKNOWN_PROFILE", `${pricePointer(i)}/profile`, `a declared profile (${known.join(", ") || "none"})`, hint);
          } else
            tables.push(...declared);
        } else {
          checkPriceTable(version.price, pricePointer(i), reportHere);
          tables.push(version.price);
        }
      });
      (model.unpriced ?? []).forEach((entry, i) => {
        if (tables.some((table) => prices(table, entry))) {
          reportHere("UNPRICED_VALUE_PRICED", `${pointer}/unpriced/${i}/value`, `a ${entry.parameter} no price version prices`, `"${entry.value}", which it prices`);
        }
      });
    });
  }
  return issues;
}
function isDated(declared) {
  return "prices" in declared;
}
function versionsOf(declared) {
  return isDated(declared) ? declared.prices : [{ price: declared }];
}
function prices(table, entry) {
  if (entry.parameter === "resolution")
    return resolutionsOf(table).some((value) => asciiLowerCase(value) === asciiLowerCase(entry.value));
  const seconds2 = readDuration(entry.value);
  const timed = table.kind === "flat" ? table.clipSeconds === void 0 ? [] : [table.clipSeconds] : durationsOf(table);
  return typeof seconds2 === "number" && timed.includes(seconds2);
}
function checkVersionDates(versions, pointer, report) {
  let previous;
  versions.forEach((version, i) => {
    const at = `${pointer}/${i}`;
    if (version.from === void 0) {
      if (i > 0)
        report("MISSING_FROM", at, 'a "from" instant: only the first version may omit it (in force since always)', 'a version without "from"');
      return;
    }
    const ms = parseInstant(version.from);
    if (ms === void 0) {
      report("INVALID_DATE", `${at}/from`, "a real calendar instant: an ISO 8601 date (2027-01-01) or date-time with Z or an offset", JSON.stringify(version.from));
      return;
    }
    if (previous !== void 0 && ms === previous.ms) {
      report("DUPLICATE_FROM", `${at}/from`, `each instant once (version ${previous.index + 1} starts at ${previous.text})`, `"${version.from}" again`);
    } else if (previous !== void 0 && ms < previous.ms) {
      report("UNSORTED_VERSIONS", `${at}/from`, `versions in ascending "from" order, after ${previous.text}`, `"${version.from}"`);
    }
    previous = { ms, text: version.from, index: i };
  });
}
function resolutionsOf(table) {
  return table.kind === "per-resolution" || table.kind === "duration-by-resolution" ? table.resolutions : [];
}
function durationsOf(table) {
  return table.kind === "per-duration" || table.kind === "duration-by-resolution" ? table.durations : [];
}
function checkPriceTable(table, pointer, report) {
  checkAxis(table.kind === "flat" ? [] : durationsOf(table).map(String), `${pointer}/durations`, "duration", report);
  checkAxis(resolutionsOf(table), `${pointer}/resolutions`, "resolution", report);
  switch (table.kind) {
    case "flat":
      return;
    case "per-resolution":
      checkCells(table.credits.length, table.resolutions.length, `${pointer}/credits`, `one price per resolution (${table.resolutions.join(", ")})`, report);
      return;
    case "per-duration":
      checkCells(table.credits.length, table.durations.length, `${pointer}/credits`, `one price per duration (${table.durations.join(", ")} s)`, report);
      return;
    case "duration-by-resolution":
      checkCells(table.credits.length, table.resolutions.length, `${pointer}/credits`, `one row per resolution (${table.resolutions.join(", ")})`, report);
      table.credits.forEach((row, r) => {
        const label = table.resolutions[r] ?? `row ${r + 1}`;
        checkCells(row.length, table.durations.length, `${pointer}/credits/${r}`, `one price per duration (${table.durations.join(", ")} s) at ${label}`, report);
      });
      return;
  }
}
function checkAxis(values, pointer, name, report) {
  const seen = /* @__PURE__ */ new Map();
  values.forEach((value, i) => {
    const key = asciiLowerCase(value);
    const first = seen.get(key);
    if (first === void 0)
      seen.set(key, i);
    else
      report("DUPLICATE_AXIS_VALUE", `${pointer}/${i}`, `each ${name} once`, `"${value}" again (first at index ${first})`);
  });
}
function checkCells(found, wanted, pointer, expected, report) {
  if (found < wanted)
    report("MISSING_CELL", pointer, `${wanted} entries: ${expected}`, `${found}`);
  else if (found > wanted)
    report("EXTRA_CELL", pointer, `${wanted} entries: ${expected}`, `${found}`);
}

// dist/rules/rule-set.js
var validated = /* @__PURE__ */ new WeakSet();
function isRuleSet(value) {
  return typeof value === "object" && value !== null && validated.has(value);
}
function checkRuleSources(sources) {
  const issues = [];
  const checked = [];
  for (const { file, text } of sources) {
    let source;
    try {
      source = readJsonSource(file, text);
    } catch (error) {
      if (error instanceof RuleSetError) {
        issues.push(...error.issues);
        continue;
      }
      throw error;
    }
    const schemaIssues = checkSchema(source);
    issues.push(...schemaIssues);
    if (schemaIssues.length === 0)
      checked.push({ source, rule: source.value });
  }
  issues.push(...checkSemantics(checked));
  const fileOrder = new Map(sources.map((s, i) => [s.file, i]));
  issues.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line || a.col - b.col);
  if (issues.some((issue) => issue.severity === "error"))
    return { issues };
  return { ruleSet: buildRuleSet(checked), issues };
}
function parseRuleSet(sources) {
  const { ruleSet, issues } = checkRuleSources(sources);
  if (ruleSet === void 0)
    throw new RuleSetError(issues);
  return ruleSet;
}
function buildRuleSet(files) {
  const locate = (source, pointer) => ({
    file: source.file,
    pointer,
    ...source.positionOf(pointer)
  });
  const profiles = [];
  for (const { source, rule } of files) {
    for (const [name, declared] of Object.entries(rule.profiles ?? {})) {
      const pointer = `/profiles/${escapePointerToken(name)}`;
      const versions = versionRules(declared, pointer).map(({ version, pointer: at }) => resolvedVersion(version, version.price, void 0, locate(source, at)));
      profiles.push({ name, versions, location: locate(source, pointer) });
    }
  }
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const models = [];
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const pointer = `/models/${index}`;
      const declared = versionRules(model.prices === void 0 ? model.price : { prices: model.prices }, `${pointer}/price`, pointer);
      const versions = [];
      declared.forEach(({ version, pointer: at }, i) => {
        const from = instantOf(version.from);
        const until = instantOf(declared[i + 1]?.version.from) ?? Number.POSITIVE_INFINITY;
        const first = i === 0 ? { source: model.source, ...version } : version;
        if (!("profile" in version.price)) {
          versions.push(resolvedVersion(first, version.price, void 0, locate(source, at)));
          return;
        }
        const profile = byName.get(version.price.profile);
        profile.versions.forEach((p, j) => {
          const pUntil = profile.versions[j + 1]?.from ?? Number.POSITIVE_INFINITY;
          if (pUntil <= (from ?? Number.NEGATIVE_INFINITY) || (p.from ?? Number.NEGATIVE_INFINITY) >= until)
            return;
          const starts = from === null || p.from !== null && p.from > from ? p.from : from;
          const own = starts === from ? first : { reason: p.reason, source: p.source, correction: p.correction };
          versions.push({ ...resolvedVersion(own, p.price, profile.name, p.location), from: starts, effectiveFrom: starts === null ? null : formatInstant(starts) });
        });
      });
      models.push({
        id: model.id,
        modes: model.modes,
        ...model.maxInputImages === void 0 ? {} : { maxInputImages: model.maxInputImages },
        versions,
        unpriced: model.unpriced ?? [],
        source: model.source,
        ...model.note === void 0 ? {} : { note: model.note },
        location: locate(source, pointer)
      });
    });
  }
  const ruleSet = deepFreeze({ models, profiles, files: files.map((f) => f.source.file) });
  validated.add(ruleSet);
  return ruleSet;
}
function versionRules(declared, pricePointer, container = pricePointer) {
  if (typeof declared === "object" && declared !== null && "prices" in declared) {
    return declared.prices.map((version, i) => ({ version, pointer: `${container}/prices/${i}/price` }));
  }
  return [{ version: { price: declared }, pointer: pricePointer }];
}
function instantOf(text) {
  return text === void 0 ? null : parseInstant(text);
}
function resolvedVersion(version, price, profile, location) {
  const from = instantOf(version.from);
  return {
    from,
    effectiveFrom: from === null ? null : formatInstant(from),
    price,
    ...profile === void 0 ? {} : { profile },
    assumptions: price.assumptions ?? [],
    ...version.source === void 0 ? {} : { source: version.source },
    ...version.reason === void 0 ? {} : { reason: version.reason },
    ...version.correction === void 0 ? {} : { correction: version.correction },
    location
  };
}
function adoptValidatedRuleSet(data, fileName) {
  const rename = (location) => ({ ...location, file: fileName(location.file) });
  const ruleSet = deepFreeze({
    models: data.models.map((m) => ({ ...m, location: rename(m.location), versions: m.versions.map((v) => ({ ...v, location: rename(v.location) })) })),
    profiles: data.profiles.map((p) => ({ ...p, location: rename(p.location), versions: p.versions.map((v) => ({ ...v, location: rename(v.location) })) })),
    files: data.files.map(fileName)
  });
  validated.add(ruleSet);
  return ruleSet;
}
function deepFreeze(value) {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value))
      deepFreeze(child);
  }
  return value;
}

// dist/rules/load-rules.js
var BUNDLED_RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));
function readRuleSources(dir = BUNDLED_RULES_DIR) {
  const { sources, issues } = readRuleDirectory(dir);
  if (issues.length > 0)
    throw new RuleSetError(issues);
  return sources;
}
function readRuleDirectory(dir = BUNDLED_RULES_DIR) {
  const shown = displayPath(dir);
  let names;
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    return { sources: [], issues: [readFailure(shown, "a readable directory of rule files", error)] };
  }
  if (names.length === 0) {
    return { sources: [], issues: [{ code: "NO_RULE_FILES", severity: "error", file: shown, line: 1, col: 1, pointer: "", expected: "at least one rule file (*.json)", received: "none" }] };
  }
  const sources = [];
  const issues = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      sources.push({ file: displayPath(file), text: readFileSync(file, "utf8") });
    } catch (error) {
      issues.push(readFailure(displayPath(file), "a readable rule file", error));
    }
  }
  return { sources, issues };
}
function ruleFilesHash(sources) {
  let h1 = 3735928559;
  let h2 = 1103547991;
  const mix = (text) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const { file, text } of sources) {
    mix(basename(file));
    mix("\0");
    mix(text);
    mix("\0");
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}
function loadRuleSet(dir = BUNDLED_RULES_DIR) {
  const sources = readRuleSources(dir);
  if (resolve(dir) === resolve(BUNDLED_RULES_DIR) && ruleFilesHash(sources) === BUNDLED_RULE_FILES_HASH) {
    return adoptValidatedRuleSet(BUNDLED_RULE_SET, (name) => displayPath(join(dir, name)));
  }
  return parseRuleSet(sources);
}
function displayPath(path) {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
function readFailure(file, expected, error) {
  const code = error.code;
  const received = code === "ENOENT" ? "nothing there" : code === "ENOTDIR" ? "not a directory" : code === "EISDIR" ? "a directory" : code === "EACCES" ? "a file this user may not read" : String(error.message);
  return { code: "READ_FAILED", severity: "error", file, line: 1, col: 1, pointer: "", expected, received };
}

// dist/rules/price-versions.js
function versionIndexAt(versions, at) {
  let lo = 0;
  let hi = versions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const from = versions[mid].from;
    if (from === null || from <= at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
function modelAt(model, at) {
  const version = model.versions[versionIndexAt(model.versions, at)];
  return version === void 0 ? void 0 : pricedModel(model, version);
}
function pricedModel(model, version) {
  return Object.freeze({
    ...model,
    version,
    price: version.price,
    ...version.profile === void 0 ? {} : { profile: version.profile },
    assumptions: version.assumptions,
    effectiveFrom: version.effectiveFrom
  });
}

// dist/model-table.js
function refusal(model, code, parameter, allowed, received, reason) {
  return new PricingError({ code, model: model.id, parameter, allowed, received, ...reason === void 0 ? {} : { reason } });
}
function seconds(value) {
  return `${value}s`;
}
function compileModel(definition) {
  const { id, modes } = definition;
  const versions = Object.freeze(definition.versions.map((version) => compileVersion(definition, version)));
  const first = versions[0];
  const starts = first.from === null ? [] : [`from ${formatInstant(first.from)}`];
  return Object.freeze({
    id,
    video: modes.some((m) => m.endsWith("-video")),
    textMode: modes.find((m) => m === "text-to-image" || m === "text-to-video"),
    imageMode: modes.find((m) => m === "image-to-image" || m === "image-to-video"),
    maxImages: definition.maxInputImages ?? Number.POSITIVE_INFINITY,
    versions,
    timeless: versions.length === 1 && first.from === null ? first : void 0,
    at(ms) {
      const found = versions[versionIndexAt(versions, ms)];
      if (found === void 0)
        throw refusal(definition, "UNSUPPORTED_VALUE", "at", starts, formatInstant(ms), "the model is not priced before its first price version");
      return found;
    }
  });
}
function compileVersion(definition, version) {
  const { id, modes } = definition;
  const { price } = version;
  const effectiveFrom = version.effectiveFrom;
  const assumptions = Object.freeze(version.assumptions.map((a) => a.about));
  const unpricedReason = (parameter, value) => definition.unpriced.find((u) => u.parameter === parameter && asciiLowerCase(u.value) === asciiLowerCase(value))?.reason;
  const readSeconds2 = (request, allowed, required) => {
    const duration = readDuration(request.duration);
    if (duration === MISSING) {
      if (!required)
        return void 0;
      throw refusal(definition, "MISSING_PARAMETER", "duration", allowed, "missing");
    }
    if (duration === INVALID)
      throw refusal(definition, "INVALID_PARAMETER", "duration", allowed, describeValue(request.duration));
    return duration;
  };
  const offGrid = (parameter, allowed, value) => refusal(definition, "UNSUPPORTED_VALUE", parameter, allowed, parameter === "duration" ? value : echo(value), unpricedReason(parameter, value));
  const resolutionTable = (resolutions, cell) => {
    const table = /* @__PURE__ */ new Map();
    resolutions.forEach((spelled, i) => {
      const entry = { spelled, cell: cell(i) };
      table.set(spelled, entry);
      table.set(asciiLowerCase(spelled), entry);
    });
    return table;
  };
  const readResolutionEntry = (request, table, allowed) => {
    const resolution = readResolution(request.resolution);
    if (resolution === MISSING)
      throw refusal(definition, "MISSING_PARAMETER", "resolution", allowed, "missing");
    if (resolution === INVALID)
      throw refusal(definition, "INVALID_PARAMETER", "resolution", allowed, describeValue(request.resolution));
    const entry = table.get(resolution) ?? table.get(asciiLowerCase(resolution));
    if (entry === void 0)
      throw offGrid("resolution", allowed, resolution);
    return entry;
  };
  let priceFunction;
  const points = [];
  const point = (credits, duration, resolution) => {
    points.push(Object.freeze({ model: id, modes, ...duration === void 0 ? {} : { duration }, ...resolution === void 0 ? {} : { resolution }, credits }));
  };
  switch (price.kind) {
    case "flat": {
      const { credits, clipSeconds } = price;
      if (clipSeconds === void 0) {
        priceFunction = (_request, mode) => ({ model: id, mode, credits, effectiveFrom, assumptions });
        point(credits);
      } else {
        const allowed = Object.freeze([seconds(clipSeconds)]);
        priceFunction = (request, mode) => {
          const duration = readSeconds2(request, allowed, false);
          if (duration !== void 0 && duration !== clipSeconds)
            throw offGrid("duration", allowed, seconds(duration));
          return { model: id, mode, credits, duration: clipSeconds, effectiveFrom, assumptions };
        };
        point(credits, clipSeconds);
      }
      break;
    }
    case "per-duration": {
      const table = price;
      const byDuration = new Map(table.durations.map((d, i) => [d, table.credits[i]]));
      const allowed = Object.freeze(table.durations.map(seconds));
      priceFunction = (request, mode) => {
        const duration = readSeconds2(request, allowed, true);
        const credits = byDuration.get(duration);
        if (credits === void 0)
          throw offGrid("duration", allowed, seconds(duration));
        return { model: id, mode, credits, duration, effectiveFrom, assumptions };
      };
      table.durations.forEach((d, i) => point(table.credits[i], d));
      break;
    }
    case "per-resolution": {
      const table = price;
      const byResolution = resolutionTable(table.resolutions, (i) => table.credits[i]);
      const allowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const { spelled, cell } = readResolutionEntry(request, byResolution, allowed);
        return { model: id, mode, credits: cell, resolution: spelled, effectiveFrom, assumptions };
      };
      table.resolutions.forEach((r, i) => point(table.credits[i], void 0, r));
      break;
    }
    case "duration-by-resolution": {
      const table = price;
      const byResolution = resolutionTable(table.resolutions, (r) => new Map(table.durations.map((d, i) => [d, table.credits[r]?.[i]])));
      const durationsAllowed = Object.freeze(table.durations.map(seconds));
      const resolutionsAllowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const duration = readSeconds2(request, durationsAllowed, true);
        const { spelled, cell } = readResolutionEntry(request, byResolution, resolutionsAllowed);
        const credits = cell.get(duration);
        if (credits === void 0)
          throw offGrid("duration", durationsAllowed, seconds(duration));
        return { model: id, mode, credits, duration, resolution: spelled, effectiveFrom, assumptions };
      };
      table.resolutions.forEach((r, ri) => table.durations.forEach((d, di) => point(table.credits[ri]?.[di], d, r)));
      break;
    }
  }
  for (const p of points) {
    if (!Number.isSafeInteger(p.credits) || p.credits <= 0)
      throw new TypeError(`${id}: credits must be positive integers, found ${String(p.credits)}`);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.credits < min)
      min = p.credits;
    if (p.credits > max)
      max = p.credits;
  }
  return Object.freeze({ from: version.from, price: priceFunction, points: Object.freeze(points), range: Object.freeze({ min, max }) });
}

// dist/sha256.js
var K = new Uint32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var rotr = (x, n) => x >>> n | x << 32 - n;
function sha256Hex(text) {
  const data = new TextEncoder().encode(text);
  const blocks = Math.ceil((data.length + 9) / 64);
  const bytes = new Uint8Array(blocks * 64);
  bytes.set(data);
  bytes[data.length] = 128;
  const view = new DataView(bytes.buffer);
  const bits = data.length * 8;
  view.setUint32(bytes.length - 8, Math.floor(bits / 4294967296));
  view.setUint32(bytes.length - 4, bits >>> 0);
  const h = new Uint32Array([1779033703, 3144134277, 1013904242, 2773480762, 1359893119, 2600822924, 528734635, 1541459225]);
  const w = new Uint32Array(64);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++)
      w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15];
      const b2 = w[i - 2];
      const s0 = rotr(a2, 7) ^ rotr(a2, 18) ^ a2 >>> 3;
      const s1 = rotr(b2, 17) ^ rotr(b2, 19) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1 >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & f ^ ~e & g) + K[i] + w[i] >>> 0;
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a & b ^ a & c ^ b & c) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = d + t1 >>> 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 >>> 0;
    }
    h[0] = h[0] + a >>> 0;
    h[1] = h[1] + b >>> 0;
    h[2] = h[2] + c >>> 0;
    h[3] = h[3] + d >>> 0;
    h[4] = h[4] + e >>> 0;
    h[5] = h[5] + f >>> 0;
    h[6] = h[6] + g >>> 0;
    h[7] = h[7] + hh >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
}

// dist/rules/rule-set-version.js
var byCodeUnit = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function canonicalPriceTable(table) {
  const cells = [];
  switch (table.kind) {
    case "flat":
      cells.push([table.clipSeconds ?? null, null, table.credits]);
      break;
    case "per-duration":
      table.durations.forEach((d, i) => cells.push([d, null, table.credits[i]]));
      break;
    case "per-resolution":
      table.resolutions.forEach((r, i) => cells.push([null, r, table.credits[i]]));
      break;
    case "duration-by-resolution":
      table.resolutions.forEach((r, ri) => table.durations.forEach((d, di) => cells.push([d, r, table.credits[ri]?.[di]])));
      break;
  }
  cells.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || byCodeUnit(String(a[1]), String(b[1])));
  return [table.kind, cells, (table.assumptions ?? []).map((a) => a.about).sort(byCodeUnit)];
}
function ruleSetVersion(ruleSet) {
  const models = [...ruleSet.models].sort((a, b) => byCodeUnit(a.id, b.id)).map((m) => [
    m.id,
    [...m.modes].sort(byCodeUnit),
    m.maxInputImages ?? null,
    m.unpriced.map((u) => [u.parameter, asciiLowerCase(u.value)]).sort((a, b) => byCodeUnit(a.join("\0"), b.join("\0"))),
    m.versions.map((v) => [v.from, canonicalPriceTable(v.price)])
  ]);
  return sha256Hex(JSON.stringify(models)).slice(0, 16);
}

// dist/pricer.js
var SUGGESTIONS_KEPT = 1024;
function compilePricer(ruleSet) {
  if (!isRuleSet(ruleSet))
    throw new TypeError("compilePricer expects a rule set from loadRuleSet or parseRuleSet");
  const compiled = /* @__PURE__ */ new Map();
  for (const definition of ruleSet.models)
    compiled.set(definition.id, compileModel(definition));
  const ids = Object.freeze([...compiled.keys()]);
  const timeless = [...compiled.values()].every((m) => m.timeless !== void 0);
  const allPoints = Object.freeze([...compiled.values()].flatMap((m) => m.versions[0]?.points ?? []));
  let version;
  const suggestions = /* @__PURE__ */ new Map();
  const suggest = (model) => {
    if (suggestions.has(model))
      return suggestions.get(model);
    const found = model.length <= longestId * 2 ? nearest(model, ids) : void 0;
    if (suggestions.size >= SUGGESTIONS_KEPT)
      suggestions.clear();
    suggestions.set(model, found);
    return found;
  };
  const longestId = ids.reduce((n, id) => Math.max(n, id.length), 0);
  const lookup = (model) => {
    if (typeof model === "string") {
      const found = compiled.get(model);
      if (found !== void 0)
        return found;
      const suggestion = suggest(model);
      throw new PricingError({ code: "UNKNOWN_MODEL", parameter: "model", allowed: ids, received: echo(model), ...suggestion === void 0 ? {} : { suggestion } });
    }
    if (model === void 0 || model === null)
      throw new PricingError({ code: "MISSING_PARAMETER", parameter: "model", allowed: ids, received: "missing" });
    throw new PricingError({ code: "INVALID_PARAMETER", parameter: "model", allowed: ids, received: describeValue(model) });
  };
  const versionOf = (model, options) => {
    const at = options?.at;
    if (at === void 0 && model.timeless !== void 0)
      return model.timeless;
    const ms = readInstant(at);
    return model.timeless ?? model.at(ms);
  };
  const quote = (request, options) => {
    if (typeof request !== "object" || request === null || Array.isArray(request)) {
      const received = request === null ? "null" : Array.isArray(request) ? "an array" : `a ${typeof request}`;
      throw new PricingError({ code: "INVALID_PARAMETER", parameter: "request", allowed: ["an object with a model field"], received });
    }
    const model = lookup(request.model);
    const priced = versionOf(model, options);
    return priced.price(request, resolveMode(model, request));
  };
  const pricedModels = Object.freeze(ruleSet.models.map((m) => pricedModel(m, m.versions[0])));
  const models = (options) => {
    if (timeless && options?.at === void 0)
      return pricedModels;
    const ms = readInstant(options?.at);
    return Object.freeze(ruleSet.models.flatMap((m) => modelAt(m, ms) ?? []));
  };
  const pricePoints = (model, options) => {
    if (model !== void 0)
      return versionOf(lookup(model), options).points;
    if (timeless && options?.at === void 0)
      return allPoints;
    const ms = readInstant(options?.at);
    return Object.freeze([...compiled.values()].flatMap((m) => m.versions[versionIndexAt(m.versions, ms)]?.points ?? []));
  };
  return Object.freeze({
    quote,
    models,
    pricePoints,
    range: (model, options) => versionOf(lookup(model), options).range,
    get version() {
      version ??= ruleSetVersion(ruleSet);
      return version;
    }
  });
}
function resolveMode(model, request) {
  const images = countInputImages(request.inputImageUrls);
  if (images === INVALID) {
    throw refusal(model, "INVALID_PARAMETER", "inputImageUrls", ["an array of image URLs"], describeValue(request.inputImageUrls));
  }
  let mode;
  if (!model.video) {
    mode = images > 0 ? model.imageMode : model.textMode;
    if (mode === void 0) {
      const wanted = images > 0 ? "image-to-image (inputImageUrls is not empty)" : "text-to-image (no inputImageUrls)";
      throw refusal(model, "UNSUPPORTED_MODE", "inputImageUrls", supportedModes(model), wanted);
    }
  } else {
    const inputMode = readInputMode(request.inputMode);
    if (inputMode === INVALID)
      throw refusal(model, "INVALID_PARAMETER", "inputMode", INPUT_MODES, describeValue(request.inputMode));
    if (inputMode !== MISSING && (inputMode === "image_to_video" ? model.imageMode : model.textMode) === void 0) {
      throw refusal(model, "UNSUPPORTED_MODE", "inputMode", supportedModes(model).map(toInputMode), inputMode);
    }
    if (images > 0) {
      mode = model.imageMode;
      if (mode === void 0) {
        throw refusal(model, "UNSUPPORTED_MODE", "inputImageUrls", supportedModes(model), `image-to-video (${images} input image${images === 1 ? "" : "s"} sent)`);
      }
    } else if (inputMode === MISSING) {
      mode = model.textMode ?? model.imageMode;
    } else {
      mode = inputMode === "image_to_video" ? model.imageMode : model.textMode;
      if (mode === void 0)
        throw refusal(model, "UNSUPPORTED_MODE", "inputMode", supportedModes(model).map(toInputMode), inputMode);
    }
  }
  if (images > model.maxImages) {
    throw refusal(model, "TOO_MANY_INPUT_IMAGES", "inputImageUrls", [`at most ${model.maxImages} images`], `${images} images`);
  }
  return mode;
}
function supportedModes(model) {
  return [model.textMode, model.imageMode].filter((m) => m !== void 0);
}
function toInputMode(mode) {
  return mode.replace(/-/g, "_");
}

// dist/create-pricer.js
function createPricer(rules) {
  return compilePricer(typeof rules === "object" ? rules : loadRuleSet(rules));
}

// dist/rules-engine.js
import { createRequire as createRequire2 } from "node:module";
var requireEngine = () => createRequire2(import.meta.url)("json-rules-engine");
var PRICE_EVENT = "price";
var AT_FACT = "pricing:at";
var FACT = {
  duration: "pricing:durationSeconds",
  resolution: "pricing:resolutionKey",
  images: "pricing:inputImageCount",
  inputMode: "pricing:inputMode",
  at: "pricing:atMilliseconds"
};
function toRulesEngine(rules) {
  const ruleSet = typeof rules === "object" ? rules : loadRuleSet(rules);
  const engine = new (requireEngine()).Engine([], { allowUndefinedFacts: true });
  const fromRequest = (field, read) => async (_params, almanac) => read(await almanac.factValue(field));
  engine.addFact(FACT.duration, fromRequest("duration", readSeconds));
  engine.addFact(FACT.resolution, fromRequest("resolution", readResolutionKey));
  engine.addFact(FACT.images, fromRequest("inputImageUrls", (v) => v === void 0 || v === null ? 0 : Array.isArray(v) ? v.length : UNREADABLE));
  engine.addFact(FACT.inputMode, fromRequest("inputMode", readVideoMode));
  engine.addFact(FACT.at, fromRequest(AT_FACT, (v) => {
    try {
      return readInstant(v);
    } catch {
      return UNREADABLE;
    }
  }));
  for (const model of ruleSet.models) {
    model.versions.forEach((version, v) => {
      const until = model.versions[v + 1]?.from;
      const during = [
        ...version.from === null ? [] : [{ fact: FACT.at, operator: "greaterThanInclusive", value: version.from }],
        ...until === void 0 || until === null ? [] : [{ fact: FACT.at, operator: "lessThan", value: until }]
      ];
      for (const point of pointsOf(version.price)) {
        for (const mode of model.modes) {
          const conditions = [{ fact: "model", operator: "equal", value: model.id }, ...during, ...modeConditions(model, mode)];
          if (point.duration !== void 0) {
            const optional = version.price.kind === "flat";
            conditions.push(optional ? { fact: FACT.duration, operator: "in", value: [null, point.duration] } : { fact: FACT.duration, operator: "equal", value: point.duration });
          }
          if (point.resolution !== void 0) {
            conditions.push({ fact: FACT.resolution, operator: "equal", value: readResolutionKey(point.resolution) });
          }
          const rule = {
            name: `${model.id} ${mode}${point.duration === void 0 ? "" : ` ${point.duration}s`}${point.resolution === void 0 ? "" : ` ${point.resolution}`}${version.effectiveFrom === null ? "" : ` from ${version.effectiveFrom}`}`,
            conditions: { all: conditions },
            event: {
              type: PRICE_EVENT,
              params: { model: model.id, mode, credits: point.credits, ...point.duration === void 0 ? {} : { duration: point.duration }, ...point.resolution === void 0 ? {} : { resolution: point.resolution }, effectiveFrom: version.effectiveFrom, assumptions: version.assumptions.map((a) => a.about) }
            }
          };
          engine.addRule(rule);
        }
      }
    });
  }
  return engine;
}
var UNREADABLE = "\0unreadable";
function readSeconds(value) {
  if (value === void 0 || value === null)
    return null;
  if (typeof value === "number")
    return Number.isInteger(value) && value > 0 && value <= Number.MAX_SAFE_INTEGER ? value : UNREADABLE;
  if (typeof value !== "string")
    return UNREADABLE;
  const digits = value.endsWith("s") ? value.slice(0, -1) : value;
  const allDigits = digits.length > 0 && digits.length <= 15 && [...digits].every((c) => c >= "0" && c <= "9");
  return allDigits && !digits.startsWith("0") ? Number(digits) : UNREADABLE;
}
function readResolutionKey(value) {
  if (value === void 0 || value === null)
    return null;
  if (typeof value !== "string" || value === "")
    return UNREADABLE;
  return [...value].map((c) => c >= "A" && c <= "Z" ? String.fromCharCode(c.charCodeAt(0) + 32) : c).join("");
}
function readVideoMode(value) {
  if (value === void 0 || value === null)
    return null;
  if (value === "text_to_video" || value === "text-to-video")
    return "text_to_video";
  if (value === "image_to_video" || value === "image-to-video")
    return "image_to_video";
  return UNREADABLE;
}
function pointsOf(table) {
  switch (table.kind) {
    case "flat":
      return [{ ...table.clipSeconds === void 0 ? {} : { duration: table.clipSeconds }, credits: table.credits }];
    case "per-duration":
      return table.durations.map((duration, i) => ({ duration, credits: table.credits[i] }));
    case "per-resolution":
      return table.resolutions.map((resolution, i) => ({ resolution, credits: table.credits[i] }));
    case "duration-by-resolution":
      return table.resolutions.flatMap((resolution, r) => table.durations.map((duration, d) => ({ duration, resolution, credits: table.credits[r]?.[d] })));
  }
}
function modeConditions(model, mode) {
  const max = model.maxInputImages;
  const withImages = [
    { fact: FACT.images, operator: "greaterThanInclusive", value: 1 },
    ...max === void 0 ? [] : [{ fact: FACT.images, operator: "lessThanInclusive", value: max }]
  ];
  const noImages = { fact: FACT.images, operator: "equal", value: 0 };
  switch (mode) {
    case "text-to-image":
      return [noImages];
    case "image-to-image":
      return withImages;
    case "text-to-video":
      return [noImages, { fact: FACT.inputMode, operator: "in", value: [null, "text_to_video"] }];
    case "image-to-video": {
      const hasTextMode = model.modes.includes("text-to-video");
      const asked = { fact: FACT.inputMode, operator: "in", value: hasTextMode ? ["image_to_video"] : [null, "image_to_video"] };
      return [
        // An inputMode the model lacks is refused, images or not.
        { fact: FACT.inputMode, operator: "in", value: hasTextMode ? [null, "text_to_video", "image_to_video"] : [null, "image_to_video"] },
        { any: [{ all: withImages }, { all: [noImages, asked] }] }
      ];
    }
  }
}

// dist/rules/rule-file.js
var MODES = ["text-to-image", "image-to-image", "text-to-video", "image-to-video"];

// dist/point-label.js
function pointLabel(p) {
  if (p.duration === void 0)
    return p.resolution ?? "price";
  return p.resolution === void 0 ? `${p.duration}s` : `${p.duration}s ${p.resolution}`;
}
export {
  AT_FACT,
  BUNDLED_RULES_DIR,
  EARLIEST_INSTANT,
  INPUT_MODES,
  INSTANT_FORMS,
  INVALID,
  MISSING,
  MODES,
  PRICE_EVENT,
  PricingError,
  RuleSetError,
  checkRuleSources,
  compilePricer,
  countInputImages,
  createPricer,
  formatInstant,
  formatRuleIssue,
  isRuleSet,
  loadRuleSet,
  modelAt,
  parseInstant,
  parseRuleSet,
  pointLabel,
  readDuration,
  readInputMode,
  readInstant,
  readResolution,
  readRuleSources,
  ruleSetVersion,
  toRulesEngine,
  versionIndexAt
};
