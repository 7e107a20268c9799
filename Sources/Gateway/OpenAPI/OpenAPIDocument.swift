/// The OpenAPI 3.1 description of the public API, served at `/openapi.json`.
///
/// Kept true by `OpenAPIDocumentTests`: every registered route must be described here and every
/// path here must be registered, sample responses must validate against the schemas, and each
/// operation's `x-required-role` is checked against what the route enforces.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "metricx API",
  "version": "1.0.0",
  "description": "The public HTTP API of metricx. Every route except the probes and this document needs `Authorization: Bearer <token>`: an API key (`mx_...`) or a JWT from the configured identity provider. Errors use one body: `{\"error\": {\"code\", \"message\", \"field\"}}`. `X-Workspace-Id` picks the workspace when a user belongs to several; every response carries `X-Request-Id`."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/healthz": {
   "get": {
    "operationId": "healthz",
    "summary": "Liveness: the process answers",
    "tags": [
     "Operations"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/readyz": {
   "get": {
    "operationId": "readyz",
    "summary": "Readiness: every dependency answers",
    "tags": [
     "Operations"
    ],
    "responses": {
     "200": {
      "description": "ready",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Readiness"
        }
       }
      }
     },
     "503": {
      "description": "a dependency is down",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Readiness"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/openapi.json": {
   "get": {
    "operationId": "openapi",
    "summary": "This document",
    "tags": [
     "Operations"
    ],
    "responses": {
     "200": {
      "description": "OpenAPI 3.1",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/workspaces": {
   "get": {
    "operationId": "listWorkspaces",
    "summary": "Workspaces the caller may act in",
    "tags": [
     "Workspaces"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/WorkspacePage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ],
    "x-required-role": "none"
   },
   "post": {
    "operationId": "createWorkspace",
    "summary": "Create a workspace (signed-in users; the creator becomes admin)",
    "tags": [
     "Workspaces"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Workspace"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreateWorkspace"
       },
       "example": {
        "name": "Acme EU",
        "timezone": "Europe/Berlin",
        "currency": "EUR"
       }
      }
     }
    },
    "x-required-role": "none"
   }
  },
  "/workspaces/{id}": {
   "get": {
    "operationId": "getWorkspaceByID",
    "summary": "One workspace the caller belongs to",
    "tags": [
     "Workspaces"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Workspace"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   }
  },
  "/workspace": {
   "get": {
    "operationId": "getWorkspace",
    "summary": "The workspace this request acts in (X-Workspace-Id picks one)",
    "tags": [
     "Workspaces"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Workspace"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   },
   "patch": {
    "operationId": "updateWorkspace",
    "summary": "Change the workspace's name, time zone or currency",
    "tags": [
     "Workspaces"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Workspace"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/UpdateWorkspace"
       },
       "example": {
        "timezone": "America/New_York"
       }
      }
     }
    },
    "x-required-role": "admin"
   }
  },
  "/members": {
   "get": {
    "operationId": "listMembers",
    "summary": "Members and invitations",
    "tags": [
     "Members"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MemberPage"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   },
   "post": {
    "operationId": "addMember",
    "summary": "Add a member by email (invited until their first sign-in)",
    "tags": [
     "Members"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Member"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AddMember"
       },
       "example": {
        "email": "ana@example.com",
        "role": "editor"
       }
      }
     }
    },
    "x-required-role": "admin"
   }
  },
  "/members/{id}": {
   "patch": {
    "operationId": "updateMember",
    "summary": "Change a member's role",
    "tags": [
     "Members"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Member"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/UpdateMember"
       },
       "example": {
        "role": "viewer"
       }
      }
     }
    },
    "x-required-role": "admin"
   },
   "delete": {
    "operationId": "removeMember",
    "summary": "Remove a member or invitation",
    "tags": [
     "Members"
    ],
    "responses": {
     "204": {
      "description": "removed"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "admin"
   }
  },
  "/api-keys": {
   "get": {
    "operationId": "listAPIKeys",
    "summary": "API keys (never their secrets)",
    "tags": [
     "API keys"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/APIKeyPage"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "admin"
   },
   "post": {
    "operationId": "createAPIKey",
    "summary": "Create an API key; the response shows it once",
    "tags": [
     "API keys"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CreatedAPIKey"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreateAPIKey"
       },
       "example": {
        "name": "CI export",
        "role": "viewer"
       }
      }
     }
    },
    "x-required-role": "admin"
   }
  },
  "/api-keys/{id}": {
   "delete": {
    "operationId": "revokeAPIKey",
    "summary": "Revoke an API key",
    "tags": [
     "API keys"
    ],
    "responses": {
     "204": {
      "description": "revoked"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "admin"
   }
  },
  "/qa/semantic": {
   "post": {
    "operationId": "semanticQuery",
    "summary": "Run a semantic query",
    "tags": [
     "Analytics"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SemanticResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SemanticQuery"
       },
       "example": {
        "metrics": [
         "spend",
         "roas"
        ],
        "time_range": {
         "preset": "last_7_days"
        },
        "breakdown": {
         "dimension": "campaign",
         "limit": 5
        },
        "comparison": {
         "type": "previous_period"
        }
       }
      }
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/dashboard/unified": {
   "get": {
    "operationId": "dashboard",
    "summary": "KPIs, daily chart, top campaigns and spend mix in one call",
    "tags": [
     "Analytics"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Dashboard"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "name": "timeframe",
      "in": "query",
      "schema": {
       "type": "string",
       "default": "last_7_days"
      }
     },
     {
      "name": "as_of",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   }
  },
  "/qa/insights": {
   "post": {
    "operationId": "insights",
    "summary": "Short computed insight sentences",
    "tags": [
     "Analytics"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Insights"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/InsightsRequest"
       },
       "example": {
        "time_range": {
         "preset": "last_7_days"
        }
       }
      }
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/imports/csv": {
   "post": {
    "operationId": "importCSV",
    "summary": "Import snapshot rows from CSV (DESIGN.md's format); idempotent",
    "tags": [
     "Imports"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "415": {
      "$ref": "#/components/responses/E415"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
       },
       "example": "timestamp,provider,account_id,campaign_id,adset_id,ad_id,spend\n2026-11-20,meta,act_1,c1,s1,a1,12.5\n"
      }
     }
    },
    "x-required-role": "editor"
   }
  },
  "/qa/agent/sync": {
   "post": {
    "operationId": "askSync",
    "summary": "Ask the copilot; the whole answer at once",
    "tags": [
     "Copilot"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Answer"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AskRequest"
       },
       "example": {
        "question": "What was ROAS on Meta yesterday?"
       }
      }
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/qa/agent/sse": {
   "post": {
    "operationId": "askSSE",
    "summary": "Ask the copilot; stages, tokens, chart, data and the answer as server-sent events (or resume a broken stream)",
    "tags": [
     "Copilot"
    ],
    "responses": {
     "200": {
      "description": "`text/event-stream` of `id: <answer>:<n>` and `data: <AgentEvent JSON>` lines; the `done` event carries the same object as /qa/agent/sync",
      "content": {
       "text/event-stream": {
        "schema": {
         "type": "string"
        },
        "x-event-schema": {
         "$ref": "#/components/schemas/AgentEvent"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AskRequest"
       },
       "example": {
        "question": "Compare CPA this month vs last month for the top 5 campaigns"
       }
      }
     }
    },
    "x-required-role": "viewer",
    "description": "Each event carries an `id:` line. A client whose stream broke (a gateway replica went away) sends the same request again with `Last-Event-ID: <the last id it received>` to any gateway and gets the rest of that answer; no body is needed then. Answers are kept for replay for 10 minutes; an unknown or expired one is an `error` event with code `not_found`.",
    "parameters": [
     {
      "name": "Last-Event-ID",
      "in": "header",
      "required": false,
      "description": "resume the answer this event belongs to, after it",
      "schema": {
       "type": "string",
       "example": "0f8fad5b-d9cb-469f-a165-70867728950e:4"
      }
     }
    ]
   }
  },
  "/conversations": {
   "get": {
    "operationId": "listConversations",
    "summary": "Copilot conversations, newest first",
    "tags": [
     "Copilot"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ConversationPage"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   }
  },
  "/conversations/{id}": {
   "get": {
    "operationId": "getConversation",
    "summary": "A conversation with its messages",
    "tags": [
     "Copilot"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Conversation"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "viewer"
   },
   "delete": {
    "operationId": "deleteConversation",
    "summary": "Delete a conversation",
    "tags": [
     "Copilot"
    ],
    "responses": {
     "204": {
      "description": "deleted"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "editor"
   }
  },
  "/connections": {
   "get": {
    "operationId": "listConnections",
    "summary": "Connections to ad platforms and stores, with their sync status",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ConnectionPage"
        }
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/IfNoneMatch"
     }
    ],
    "x-required-role": "viewer"
   },
   "post": {
    "operationId": "createConnection",
    "summary": "Connect a provider with tokens you already hold (or the demo data); the first sync starts at once. OAuth: /oauth/{provider}/start",
    "tags": [
     "Connections"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Connection"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "415": {
      "$ref": "#/components/responses/E415"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreateConnection"
       },
       "example": {
        "provider": "demo",
        "name": "Demo data"
       }
      }
     }
    },
    "x-required-role": "admin"
   }
  },
  "/connections/{id}": {
   "get": {
    "operationId": "getConnection",
    "summary": "A connection's status: last success, last error, rows synced, next run",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Connection"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "viewer"
   },
   "delete": {
    "operationId": "deleteConnection",
    "summary": "Delete a connection and its stored tokens (synced numbers stay)",
    "tags": [
     "Connections"
    ],
    "responses": {
     "204": {
      "description": "deleted"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "admin"
   }
  },
  "/connections/{id}/pause": {
   "post": {
    "operationId": "pauseConnection",
    "summary": "Pause scheduled syncs",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Connection"
        }
       }
      }
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "editor"
   }
  },
  "/connections/{id}/resume": {
   "post": {
    "operationId": "resumeConnection",
    "summary": "Resume scheduled syncs (a connection that needs re-authorization must be connected again)",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Connection"
        }
       }
      }
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "editor"
   }
  },
  "/connections/{id}/sync": {
   "post": {
    "operationId": "syncConnectionNow",
    "summary": "Queue a sync now; the run is reported in /connections/{id}/runs",
    "tags": [
     "Connections"
    ],
    "responses": {
     "202": {
      "description": "Accepted",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SyncRun"
        }
       }
      }
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "x-required-role": "editor"
   }
  },
  "/connections/{id}/runs": {
   "get": {
    "operationId": "listSyncRuns",
    "summary": "A connection's sync history, newest first",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SyncRunPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ],
    "x-required-role": "viewer"
   }
  },
  "/oauth/{provider}/start": {
   "post": {
    "operationId": "startOAuth",
    "summary": "Start an OAuth 2 authorization: send the browser to authorize_url",
    "tags": [
     "Connections"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/OAuthStart"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "415": {
      "$ref": "#/components/responses/E415"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "name": "provider",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "enum": [
        "meta",
        "google",
        "shopify"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/StartOAuth"
       },
       "example": {
        "account_ref": "act_1234567890",
        "name": "Meta Ads"
       }
      }
     }
    },
    "x-required-role": "admin"
   }
  },
  "/oauth/{provider}/callback": {
   "get": {
    "operationId": "completeOAuth",
    "summary": "Where the provider sends the browser back. Public: the single-use state, bound to a workspace at start, authorizes it. Browsers (Accept: text/html) are redirected to the web app",
    "tags": [
     "Connections"
    ],
    "security": [],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Connection"
        }
       }
      }
     },
     "303": {
      "description": "redirect to the web app's connection page"
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "parameters": [
     {
      "name": "provider",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "enum": [
        "meta",
        "google",
        "shopify"
       ]
      }
     },
     {
      "name": "state",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "the state from /oauth/{provider}/start"
     },
     {
      "name": "code",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "the authorization code"
     },
     {
      "name": "error",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "set by the provider when the user declined"
     }
    ]
   }
  },
  "/anomaly/check": {
   "post": {
    "operationId": "checkAnomalies",
    "summary": "The anomaly checker: per-point scores, expected values, bands and flags for a series you send (nothing is stored)",
    "tags": [
     "Anomalies"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AnomalyCheck"
       },
       "example": {
        "values": [
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         13,
         10,
         12,
         11,
         60
        ],
        "period": 4
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AnomalyCheckResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/anomalies": {
   "get": {
    "operationId": "listAnomalies",
    "summary": "Anomalies the monitor found in the workspace's key metrics, newest first",
    "tags": [
     "Anomalies"
    ],
    "parameters": [
     {
      "name": "since",
      "in": "query",
      "required": false,
      "description": "RFC 3339",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "until",
      "in": "query",
      "required": false,
      "description": "RFC 3339",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "metric",
      "in": "query",
      "required": false,
      "description": "a catalog metric",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "entity_key",
      "in": "query",
      "required": false,
      "description": "'' for the workspace, a provider, or provider:campaign:id",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "min_severity",
      "in": "query",
      "required": false,
      "description": "lowest severity listed",
      "schema": {
       "enum": [
        "low",
        "medium",
        "high"
       ]
      }
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AnomalyPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/anomalies/{id}": {
   "patch": {
    "operationId": "updateAnomaly",
    "summary": "Acknowledge, mute (no further notifications) or reopen an anomaly",
    "tags": [
     "Anomalies"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/UpdateAnomaly"
       },
       "example": {
        "status": "acknowledged"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Anomaly"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor"
   }
  },
  "/anomalies/scan": {
   "post": {
    "operationId": "scanAnomalies",
    "summary": "Score the newest buckets now (the monitor also runs after every sync and import)",
    "tags": [
     "Anomalies"
    ],
    "parameters": [
     {
      "name": "as_of",
      "in": "query",
      "required": false,
      "description": "RFC 3339 instant standing in for now",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MonitorResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor"
   }
  },
  "/alerts/rules": {
   "get": {
    "operationId": "listAlertRules",
    "summary": "The workspace's alert rules",
    "tags": [
     "Alerts"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertRuleList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   },
   "post": {
    "operationId": "createAlertRule",
    "summary": "Create an alert rule that notifies a webhook (JSON or Slack-compatible)",
    "tags": [
     "Alerts"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AlertRule"
       },
       "example": {
        "name": "ROAS watch",
        "kind": "anomaly",
        "metric": "roas",
        "min_severity": "medium",
        "webhook_url": "https://hooks.example.com/metricx",
        "webhook_format": "slack"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertRule"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor"
   }
  },
  "/alerts/rules/{id}": {
   "delete": {
    "operationId": "deleteAlertRule",
    "summary": "Delete an alert rule and its delivery log",
    "tags": [
     "Alerts"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor"
   }
  },
  "/alerts/rules/{id}/mute": {
   "post": {
    "operationId": "muteAlertRule",
    "summary": "Mute a rule until a time (null unmutes)",
    "tags": [
     "Alerts"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/ID"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MuteRule"
       },
       "example": {
        "until": "2030-01-01T00:00:00Z"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertRule"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor"
   }
  },
  "/alerts/deliveries": {
   "get": {
    "operationId": "listAlertDeliveries",
    "summary": "The delivery log of alert notifications: attempts, status codes, errors",
    "tags": [
     "Alerts"
    ],
    "parameters": [
     {
      "name": "rule_id",
      "in": "query",
      "required": false,
      "description": "only this rule's",
      "schema": {
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertDeliveryPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/rca/localize": {
   "post": {
    "operationId": "localizeRootCauses",
    "summary": "Root-cause localization on leaf data you upload: the minimal set of attribute-value combinations that explains the deviation, best first (nothing is stored)",
    "description": "Body: CSV with attribute columns plus `real,predict` (an additive measure) or `real_a,predict_a,real_b,predict_b` (the ratio a/b), one row per leaf. Errors name the line and column. At most 1,000,000 rows, 16 attribute columns and 64 MiB.",
    "tags": [
     "Root cause"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
       },
       "example": "campaign,ad,real,predict\nc1,a1,40,100\nc1,a2,38,95\nc2,a1,101,100\n"
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/LocalizeResult"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "415": {
      "$ref": "#/components/responses/E415"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/lineage/definitions": {
   "get": {
    "operationId": "listMetricDefinitions",
    "summary": "The workspace's metric definitions (and the built-in catalog with include_builtin=true), by name",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DefinitionList"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "include_builtin",
      "in": "query",
      "schema": {
       "type": "boolean"
      },
      "description": "also list the built-in catalog"
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ]
   },
   "post": {
    "operationId": "createMetricDefinition",
    "summary": "Define a metric from a YAML document (version 1)",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Definition"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor",
    "description": "The document's fields: name, description, owner, unit (currency | percent | count | ratio | fraction), formula over other metrics or sql (a SELECT, for a raw source), tags, criticality (low | medium | high | critical). Refused with 422 naming the line (and column) for malformed YAML, an unknown field, a name taken by the catalog or a dimension, a malformed formula or SQL, an unknown metric in the formula, or a cycle; 409 when the metric exists. Every change is kept as a version and recorded as a change event.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DefinitionWrite"
       },
       "example": {
        "yaml": "name: net_roas\ndescription: Revenue left after ad spend, per unit of spend.\nowner: growth-team\nunit: ratio\nformula: (revenue - spend) / spend\ntags: [efficiency]\ncriticality: high\n"
       }
      }
     }
    }
   }
  },
  "/lineage/definitions/{name}": {
   "get": {
    "operationId": "getMetricDefinition",
    "summary": "A metric definition: the latest version, or ?version=N",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Definition"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "name",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "the metric's name"
     },
     {
      "name": "version",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1
      },
      "description": "a version number; latest when omitted"
     }
    ]
   },
   "put": {
    "operationId": "updateMetricDefinition",
    "summary": "Change a metric definition: a new version, if expected_version is still the current one",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Definition"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor",
    "description": "409 when someone changed it since expected_version (reload and retry).",
    "parameters": [
     {
      "name": "name",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "the metric's name"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DefinitionWrite"
       },
       "example": {
        "yaml": "name: net_roas\ndescription: Revenue left after ad spend, per unit of spend.\nowner: growth-team\nunit: ratio\nformula: (revenue - spend) / spend\ntags: [efficiency]\ncriticality: high\n",
        "expected_version": 1
       }
      }
     }
    }
   },
   "delete": {
    "operationId": "deleteMetricDefinition",
    "summary": "Delete a metric (kept in its history as a final version); refused while other metrics use it",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor",
    "parameters": [
     {
      "name": "name",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "the metric's name"
     }
    ]
   }
  },
  "/lineage/definitions/{name}/versions": {
   "get": {
    "operationId": "listMetricDefinitionVersions",
    "summary": "Every version of a metric, newest first: who changed it and when",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DefinitionList"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "name",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "the metric's name"
     }
    ]
   }
  },
  "/lineage/graph": {
   "get": {
    "operationId": "getLineageGraph",
    "summary": "The whole lineage graph: source columns, base measures, derived and custom metrics, and the edges between them",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Graph"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/lineage/traverse": {
   "get": {
    "operationId": "traverseLineage",
    "summary": "What a node is computed from (upstream) or what is computed from it (downstream), to a depth",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Graph"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "node",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "a node id (metric:roas, source:meta.ads_insights.spend) or a metric name",
      "required": true
     },
     {
      "name": "direction",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "upstream",
        "downstream"
       ]
      },
      "description": "upstream or downstream (default)"
     },
     {
      "name": "depth",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 0,
       "maximum": 100
      },
      "description": "edges to follow; 0 or omitted for all"
     }
    ]
   }
  },
  "/lineage/path": {
   "get": {
    "operationId": "shortestLineagePath",
    "summary": "The shortest path between two nodes along the graph's edges, either way round; empty when none",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Path"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "a node id or metric name",
      "required": true
     },
     {
      "name": "to",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "a node id or metric name",
      "required": true
     }
    ]
   }
  },
  "/lineage/impact": {
   "get": {
    "operationId": "lineageImpact",
    "summary": "The blast radius of a node or a change event: every downstream metric with its distance and a score (criticality weight halved per extra edge), highest first",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Impact"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "node",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "a node id or metric name"
     },
     {
      "name": "change_event_id",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "a change event's id"
     }
    ]
   }
  },
  "/lineage/changes": {
   "get": {
    "operationId": "listChangeEvents",
    "summary": "Change events, newest first",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ChangeEventPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "since",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      },
      "description": "RFC 3339 instant"
     },
     {
      "name": "until",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      },
      "description": "RFC 3339 instant"
     },
     {
      "name": "node",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "only events touching this node"
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     }
    ]
   },
   "post": {
    "operationId": "recordChangeEvent",
    "summary": "Record a deployment, configuration or connector change (for CI/CD and operators)",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ChangeEvent"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "403": {
      "$ref": "#/components/responses/E403"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "editor",
    "description": "nodes are graph node ids or metric names; provider:<name> names every source column of a connector. Definition edits and connection changes are recorded automatically.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ChangeEvent"
       },
       "example": {
        "kind": "deployment",
        "title": "Attribution window 7d -> 1d",
        "nodes": [
         "metric:revenue"
        ],
        "attributes": {
         "commit": "4f2a9c1"
        }
       }
      }
     }
    }
   }
  },
  "/lineage/changes/suspects": {
   "get": {
    "operationId": "suspectChanges",
    "summary": "Changes followed, within a window, by anomalies on metrics downstream of them: likely causes first",
    "tags": [
     "Lineage"
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SuspectList"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer",
    "parameters": [
     {
      "name": "since",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      },
      "description": "RFC 3339; default 7 days before until"
     },
     {
      "name": "until",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      },
      "description": "RFC 3339; default now"
     },
     {
      "name": "window_hours",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 720
      },
      "description": "how long after a change an anomaly may follow it (default 24)"
     }
    ]
   }
  },
  "/rca/explain": {
   "post": {
    "operationId": "explainMetric",
    "summary": "Why a metric moved: its formula's decomposition (summing to the change), the dimension values that explain it, and the change events and anomalies that line up",
    "tags": [
     "Root cause"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ExplainRequest"
       },
       "example": {
        "metric": "roas",
        "time_range": {
         "preset": "last_7_days"
        },
        "comparison": {
         "type": "previous_period"
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ExplainResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/E400"
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "409": {
      "$ref": "#/components/responses/E409"
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "422": {
      "$ref": "#/components/responses/E422"
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     },
     "503": {
      "$ref": "#/components/responses/E503"
     }
    },
    "x-required-role": "viewer"
   }
  },
  "/mcp": {
   "post": {
    "operationId": "mcp",
    "summary": "Model Context Protocol (streamable HTTP, stateless): JSON-RPC requests to the seven metricx tools, answered as JSON",
    "description": "Initialize, `tools/list` and `tools/call` for list_metrics, search_entities, query_metrics, ask, explain_change, list_anomalies and get_lineage, with the API's own authentication and roles. Tool failures are results with `isError`; transport errors are JSON-RPC errors.",
    "tags": [
     "MCP"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "description": "A JSON-RPC 2.0 message (MCP)",
        "required": [
         "jsonrpc"
        ],
        "properties": {
         "jsonrpc": {
          "const": "2.0"
         }
        }
       },
       "example": {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/list"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The JSON-RPC response",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "202": {
      "description": "A notification or response was accepted"
     },
     "400": {
      "description": "Not a JSON-RPC message",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "403": {
      "description": "The Origin is not allowed (DNS-rebinding protection)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/E404"
     },
     "406": {
      "description": "The Accept header must include application/json",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/E413"
     },
     "415": {
      "description": "The body must be application/json",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "421": {
      "description": "The Host is not this deployment's",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "429": {
      "$ref": "#/components/responses/E429"
     }
    },
    "x-required-role": "viewer"
   },
   "get": {
    "operationId": "mcpStream",
    "summary": "Not offered by the stateless transport (no server-initiated stream, no session)",
    "tags": [
     "MCP"
    ],
    "responses": {
     "405": {
      "description": "Method Not Allowed; POST is the only method",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     }
    },
    "x-required-role": "viewer"
   },
   "delete": {
    "operationId": "mcpEndSession",
    "summary": "Not offered by the stateless transport (no server-initiated stream, no session)",
    "tags": [
     "MCP"
    ],
    "responses": {
     "405": {
      "description": "Method Not Allowed; POST is the only method",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "description": "A JSON-RPC 2.0 message (MCP)",
         "required": [
          "jsonrpc"
         ],
         "properties": {
          "jsonrpc": {
           "const": "2.0"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/E401"
     },
     "429": {
      "$ref": "#/components/responses/E429"
     }
    },
    "x-required-role": "viewer"
   }
  }
 },
 "components": {
  "parameters": {
   "Limit": {
    "name": "limit",
    "in": "query",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 100,
     "default": 20
    }
   },
   "Cursor": {
    "name": "cursor",
    "in": "query",
    "schema": {
     "type": "string"
    }
   },
   "ID": {
    "name": "id",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   },
   "IfNoneMatch": {
    "name": "If-None-Match",
    "in": "header",
    "schema": {
     "type": "string"
    },
    "description": "answers 304 when the ETag matches"
   }
  },
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "an API key or a JWT (RS256/ES256)"
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "properties": {
     "error": {
      "type": "object",
      "properties": {
       "code": {
        "type": "string"
       },
       "message": {
        "type": "string"
       },
       "field": {
        "type": [
         "string",
         "null"
        ],
        "description": "the input at fault, when one is"
       }
      },
      "required": [
       "code",
       "message"
      ],
      "additionalProperties": false
     }
    },
    "required": [
     "error"
    ],
    "additionalProperties": false
   },
   "Role": {
    "type": "string",
    "enum": [
     "viewer",
     "editor",
     "admin"
    ]
   },
   "Workspace": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "name": {
      "type": "string"
     },
     "timezone": {
      "type": "string",
      "description": "IANA time zone; days and presets are resolved in it"
     },
     "currency": {
      "type": "string",
      "pattern": "^[A-Z]{3}$"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "id",
     "name",
     "timezone",
     "currency",
     "created_at"
    ],
    "additionalProperties": false
   },
   "WorkspaceMembership": {
    "type": "object",
    "properties": {
     "workspace": {
      "$ref": "#/components/schemas/Workspace"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     }
    },
    "required": [
     "workspace",
     "role"
    ],
    "additionalProperties": false
   },
   "WorkspacePage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/WorkspaceMembership"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ],
      "description": "pass as `cursor` for the next page; null on the last"
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "CreateWorkspace": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200
     },
     "timezone": {
      "type": "string"
     },
     "currency": {
      "type": "string"
     }
    },
    "required": [
     "name"
    ],
    "additionalProperties": false
   },
   "UpdateWorkspace": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200
     },
     "timezone": {
      "type": "string"
     },
     "currency": {
      "type": "string"
     }
    },
    "additionalProperties": false
   },
   "Member": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid",
      "description": "user id of an active member, invitation id of an invited one"
     },
     "email": {
      "type": [
       "string",
       "null"
      ]
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "status": {
      "type": "string",
      "enum": [
       "active",
       "invited"
      ]
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "id",
     "role",
     "status",
     "created_at"
    ],
    "additionalProperties": false
   },
   "MemberPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Member"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ],
      "description": "pass as `cursor` for the next page; null on the last"
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "AddMember": {
    "type": "object",
    "properties": {
     "email": {
      "type": "string",
      "format": "email"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     }
    },
    "required": [
     "email"
    ],
    "additionalProperties": false
   },
   "UpdateMember": {
    "type": "object",
    "properties": {
     "role": {
      "$ref": "#/components/schemas/Role"
     }
    },
    "required": [
     "role"
    ],
    "additionalProperties": false
   },
   "APIKey": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "name": {
      "type": "string"
     },
     "prefix": {
      "type": "string",
      "description": "the public part of the key: mx_<prefix>_..."
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "last_used_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "revoked_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     }
    },
    "required": [
     "id",
     "name",
     "prefix",
     "role",
     "created_at"
    ],
    "additionalProperties": false
   },
   "APIKeyPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/APIKey"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ],
      "description": "pass as `cursor` for the next page; null on the last"
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "CreateAPIKey": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     }
    },
    "required": [
     "name"
    ],
    "additionalProperties": false
   },
   "CreatedAPIKey": {
    "type": "object",
    "properties": {
     "key": {
      "$ref": "#/components/schemas/APIKey"
     },
     "api_key": {
      "type": "string",
      "description": "the whole key; shown in this response only"
     }
    },
    "required": [
     "key",
     "api_key"
    ],
    "additionalProperties": false
   },
   "TimeRange": {
    "type": "object",
    "properties": {
     "preset": {
      "type": "string",
      "description": "today, yesterday, last_7_days, last_30_days, last_90_days, this_week, last_week, this_month, last_month, this_quarter, last_quarter, this_year, ..."
     },
     "start": {
      "type": "string",
      "format": "date"
     },
     "end": {
      "type": "string",
      "format": "date"
     }
    },
    "additionalProperties": false
   },
   "SemanticQuery": {
    "type": "object",
    "properties": {
     "metrics": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "minItems": 1
     },
     "time_range": {
      "$ref": "#/components/schemas/TimeRange"
     },
     "granularity": {
      "type": "string",
      "enum": [
       "15min",
       "hour",
       "day",
       "week",
       "month"
      ]
     },
     "filters": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "dimension": {
         "type": "string"
        },
        "op": {
         "type": "string",
         "enum": [
          "in",
          "not_in",
          "contains"
         ]
        },
        "values": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       },
       "required": [
        "dimension",
        "values"
       ],
       "additionalProperties": false
      }
     },
     "breakdown": {
      "type": "object",
      "properties": {
       "dimension": {
        "type": "string"
       },
       "limit": {
        "type": "integer",
        "minimum": 1,
        "maximum": 100
       },
       "order_by": {
        "type": "string"
       },
       "order": {
        "type": "string",
        "enum": [
         "asc",
         "desc"
        ]
       }
      },
      "required": [
       "dimension"
      ],
      "additionalProperties": false
     },
     "comparison": {
      "type": "object",
      "properties": {
       "type": {
        "type": "string",
        "enum": [
         "previous_period",
         "year_over_year",
         "custom"
        ]
       },
       "start": {
        "type": "string",
        "format": "date"
       },
       "end": {
        "type": "string",
        "format": "date"
       }
      },
      "required": [
       "type"
      ],
      "additionalProperties": false
     },
     "include_timeseries": {
      "type": "boolean"
     },
     "as_of": {
      "type": "string",
      "description": "evaluate presets as if now were this instant or date"
     }
    },
    "required": [
     "metrics"
    ],
    "additionalProperties": false
   },
   "ResolvedRange": {
    "type": "object",
    "properties": {
     "start": {
      "type": "string",
      "format": "date"
     },
     "end": {
      "type": "string",
      "format": "date"
     },
     "comparison": {
      "type": "object",
      "properties": {
       "start": {
        "type": "string"
       },
       "end": {
        "type": "string"
       }
      },
      "required": [
       "start",
       "end"
      ],
      "additionalProperties": false
     }
    },
    "required": [
     "start",
     "end"
    ],
    "additionalProperties": false
   },
   "MetricValues": {
    "type": "object",
    "additionalProperties": {
     "type": [
      "number",
      "null"
     ]
    },
    "description": "metric name to value; null when a ratio's denominator is zero"
   },
   "TimeseriesPoint": {
    "type": "object",
    "properties": {
     "ts": {
      "type": "string"
     },
     "values": {
      "$ref": "#/components/schemas/MetricValues"
     }
    },
    "required": [
     "ts",
     "values"
    ],
    "additionalProperties": false
   },
   "BreakdownRow": {
    "type": "object",
    "properties": {
     "key": {
      "type": "string"
     },
     "label": {
      "type": "string"
     },
     "values": {
      "$ref": "#/components/schemas/MetricValues"
     },
     "comparison_values": {
      "$ref": "#/components/schemas/MetricValues"
     },
     "share": {
      "type": [
       "number",
       "null"
      ]
     }
    },
    "required": [
     "key",
     "label",
     "values"
    ],
    "additionalProperties": false
   },
   "QueryData": {
    "type": "object",
    "properties": {
     "totals": {
      "$ref": "#/components/schemas/MetricValues"
     },
     "comparison_totals": {
      "$ref": "#/components/schemas/MetricValues"
     },
     "breakdown": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/BreakdownRow"
      }
     },
     "timeseries": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TimeseriesPoint"
      }
     }
    },
    "required": [
     "totals"
    ],
    "additionalProperties": false
   },
   "SemanticResult": {
    "type": "object",
    "properties": {
     "query": {
      "type": "object",
      "description": "the query as executed, with time ranges resolved"
     },
     "resolved": {
      "$ref": "#/components/schemas/ResolvedRange"
     },
     "data": {
      "$ref": "#/components/schemas/QueryData"
     }
    },
    "required": [
     "query",
     "resolved",
     "data"
    ],
    "additionalProperties": false
   },
   "Dashboard": {
    "type": "object",
    "properties": {
     "timeframe": {
      "type": "string"
     },
     "resolved": {
      "$ref": "#/components/schemas/ResolvedRange"
     },
     "kpis": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "metric": {
         "type": "string"
        },
        "value": {
         "type": [
          "number",
          "null"
         ]
        },
        "previous": {
         "type": [
          "number",
          "null"
         ]
        },
        "delta": {
         "type": [
          "number",
          "null"
         ]
        },
        "delta_ratio": {
         "type": [
          "number",
          "null"
         ]
        }
       },
       "required": [
        "metric",
        "value",
        "previous",
        "delta",
        "delta_ratio"
       ],
       "additionalProperties": false
      }
     },
     "daily": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TimeseriesPoint"
      }
     },
     "top_campaigns": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/BreakdownRow"
      }
     },
     "spend_mix": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "provider": {
         "type": "string"
        },
        "spend": {
         "type": "number"
        },
        "share": {
         "type": [
          "number",
          "null"
         ]
        }
       },
       "required": [
        "provider",
        "spend"
       ],
       "additionalProperties": false
      }
     },
     "attribution": {
      "description": "Null until a store (Shopify) is connected. Store orders count toward a platform campaign when their utm_campaign equals its name or id (case-insensitive); the KPIs, top campaigns and spend mix count ad-platform rows only.",
      "type": [
       "object",
       "null"
      ],
      "properties": {
       "platform_revenue": {
        "type": "number",
        "description": "Revenue the ad platforms report."
       },
       "store_revenue": {
        "type": "number",
        "description": "Revenue of the store's orders."
       },
       "attributed_store_revenue": {
        "type": "number",
        "description": "Store revenue whose utm_campaign names an ad-platform campaign."
       },
       "unattributed_store_revenue": {
        "type": "number"
       },
       "blended_roas": {
        "type": [
         "number",
         "null"
        ],
        "description": "MER: store revenue / ad spend; null without spend."
       },
       "by_campaign": {
        "type": "array",
        "description": "The top platform campaigns by spend; values spend, platform_revenue, store_revenue, store_roas.",
        "items": {
         "$ref": "#/components/schemas/BreakdownRow"
        }
       }
      },
      "required": [
       "platform_revenue",
       "store_revenue",
       "attributed_store_revenue",
       "unattributed_store_revenue",
       "blended_roas",
       "by_campaign"
      ],
      "additionalProperties": false
     }
    },
    "required": [
     "timeframe",
     "resolved",
     "kpis",
     "daily",
     "top_campaigns",
     "spend_mix",
     "attribution"
    ],
    "additionalProperties": false
   },
   "InsightsRequest": {
    "type": "object",
    "properties": {
     "time_range": {
      "$ref": "#/components/schemas/TimeRange"
     },
     "as_of": {
      "type": "string"
     }
    },
    "additionalProperties": false
   },
   "Insights": {
    "type": "object",
    "properties": {
     "resolved": {
      "type": "object",
      "properties": {
       "start": {
        "type": "string"
       },
       "end": {
        "type": "string"
       }
      },
      "required": [
       "start",
       "end"
      ],
      "additionalProperties": false
     },
     "insights": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "kind": {
         "type": "string"
        },
        "text": {
         "type": "string"
        },
        "metric": {
         "type": "string"
        },
        "entity_key": {
         "type": [
          "string",
          "null"
         ]
        },
        "value": {
         "type": [
          "number",
          "null"
         ]
        }
       },
       "required": [
        "kind",
        "text",
        "metric"
       ],
       "additionalProperties": false
      }
     }
    },
    "required": [
     "resolved",
     "insights"
    ],
    "additionalProperties": false
   },
   "ImportResult": {
    "type": "object",
    "properties": {
     "rows_accepted": {
      "type": "integer"
     },
     "rows_rejected": {
      "type": "integer"
     },
     "errors": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "line": {
         "type": "integer"
        },
        "column": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        }
       },
       "required": [
        "line",
        "column",
        "reason"
       ],
       "additionalProperties": false
      }
     },
     "errors_truncated": {
      "type": "boolean"
     }
    },
    "required": [
     "rows_accepted",
     "rows_rejected",
     "errors",
     "errors_truncated"
    ],
    "additionalProperties": false
   },
   "AskRequest": {
    "type": "object",
    "properties": {
     "question": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2000
     },
     "conversation_id": {
      "type": "string"
     },
     "as_of": {
      "type": "string"
     }
    },
    "required": [
     "question"
    ],
    "additionalProperties": false
   },
   "Answer": {
    "type": "object",
    "properties": {
     "answer": {
      "type": "string"
     },
     "intent": {
      "type": "string",
      "enum": [
       "metric_value",
       "compare",
       "rank",
       "trend",
       "explain",
       "anomalies",
       "lineage",
       "unsupported"
      ]
     },
     "query": {
      "type": [
       "object",
       "null"
      ]
     },
     "resolved": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/ResolvedRange"
       },
       {
        "type": "null"
       }
      ]
     },
     "data": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/QueryData"
       },
       {
        "type": "null"
       }
      ]
     },
     "visual": {
      "type": [
       "object",
       "null"
      ]
     },
     "conversation_id": {
      "type": "string"
     },
     "details": {
      "type": "object",
      "description": "intent-specific payload: explain drivers, lineage graph, anomalies"
     }
    },
    "required": [
     "answer",
     "intent",
     "query",
     "resolved",
     "data",
     "visual",
     "conversation_id"
    ],
    "additionalProperties": false
   },
   "AgentEvent": {
    "type": "object",
    "description": "one `data:` line of the event stream",
    "required": [
     "type"
    ],
    "properties": {
     "type": {
      "type": "string",
      "enum": [
       "stage",
       "token",
       "visual",
       "data",
       "done",
       "error"
      ]
     },
     "stage": {
      "type": "string",
      "enum": [
       "understand",
       "fetch_data",
       "respond"
      ]
     },
     "text": {
      "type": "string",
      "description": "token: the next piece of answer text"
     },
     "visual": {
      "type": [
       "object",
       "null"
      ]
     },
     "error": {
      "type": "object",
      "properties": {
       "code": {
        "type": "string"
       },
       "message": {
        "type": "string"
       }
      },
      "required": [
       "code",
       "message"
      ],
      "additionalProperties": false
     }
    }
   },
   "Conversation": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "created_at": {
      "type": "string"
     },
     "updated_at": {
      "type": "string"
     },
     "messages": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "role": {
         "type": "string",
         "enum": [
          "user",
          "assistant"
         ]
        },
        "text": {
         "type": "string"
        },
        "intent": {
         "type": [
          "string",
          "null"
         ]
        },
        "created_at": {
         "type": "string"
        },
        "query": {
         "type": [
          "object",
          "null"
         ]
        }
       },
       "required": [
        "role",
        "text",
        "created_at"
       ],
       "additionalProperties": false
      }
     }
    },
    "required": [
     "id",
     "title",
     "created_at",
     "updated_at"
    ],
    "additionalProperties": false
   },
   "ConversationPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Conversation"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ],
      "description": "pass as `cursor` for the next page; null on the last"
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "Health": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string"
     }
    },
    "required": [
     "status"
    ],
    "additionalProperties": false
   },
   "Readiness": {
    "type": "object",
    "description": "each dependency's state; 503 when one is not ok"
   },
   "Connection": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "provider": {
      "type": "string",
      "enum": [
       "meta",
       "google",
       "shopify",
       "demo"
      ]
     },
     "name": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "active",
       "paused",
       "needs_reauth",
       "error"
      ],
      "description": "needs_reauth: the provider refused the tokens; connect again"
     },
     "account_ref": {
      "type": "string",
      "description": "act_<id> (Meta), a customer id (Google), a shop domain (Shopify)"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "last_success_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "last_error": {
      "type": [
       "string",
       "null"
      ],
      "description": "human-readable; never a credential"
     },
     "rows_synced": {
      "type": "integer"
     },
     "next_run_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "settings": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     }
    },
    "required": [
     "id",
     "provider",
     "name",
     "status",
     "account_ref",
     "created_at",
     "last_success_at",
     "last_error",
     "rows_synced",
     "next_run_at",
     "settings"
    ],
    "additionalProperties": false
   },
   "ConnectionPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Connection"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "SyncRun": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "connection_id": {
      "type": "string",
      "format": "uuid"
     },
     "kind": {
      "type": "string",
      "enum": [
       "sync",
       "attribution"
      ]
     },
     "trigger": {
      "type": "string",
      "enum": [
       "schedule",
       "manual"
      ]
     },
     "status": {
      "type": "string",
      "enum": [
       "queued",
       "running",
       "succeeded",
       "failed"
      ]
     },
     "started_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "finished_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "rows": {
      "type": "integer"
     },
     "error": {
      "type": [
       "string",
       "null"
      ]
     },
     "attempt": {
      "type": "integer"
     }
    },
    "required": [
     "id",
     "connection_id",
     "kind",
     "trigger",
     "status",
     "started_at",
     "finished_at",
     "rows",
     "error",
     "attempt"
    ],
    "additionalProperties": false
   },
   "SyncRunPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/SyncRun"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "CreateConnection": {
    "type": "object",
    "properties": {
     "provider": {
      "type": "string",
      "enum": [
       "meta",
       "google",
       "shopify",
       "demo"
      ]
     },
     "name": {
      "type": "string",
      "maxLength": 200
     },
     "account_ref": {
      "type": "string"
     },
     "settings": {
      "type": "object",
      "description": "granularity (hour|day), trailing_days, attribution_days, login_customer_id (Google)",
      "additionalProperties": {
       "type": "string"
      }
     },
     "credentials": {
      "type": "object",
      "description": "write-only; stored encrypted",
      "properties": {
       "access_token": {
        "type": "string"
       },
       "refresh_token": {
        "type": "string"
       },
       "expires_at": {
        "type": "string",
        "format": "date-time"
       }
      },
      "required": [
       "access_token"
      ],
      "additionalProperties": false
     }
    },
    "required": [
     "provider"
    ],
    "additionalProperties": false
   },
   "StartOAuth": {
    "type": "object",
    "properties": {
     "account_ref": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "settings": {
      "type": "object",
      "description": "granularity (hour|day), trailing_days, attribution_days, login_customer_id (Google)",
      "additionalProperties": {
       "type": "string"
      }
     },
     "redirect_uri": {
      "type": "string",
      "format": "uri",
      "description": "default: this gateway's /oauth/{provider}/callback"
     }
    },
    "required": [
     "account_ref"
    ],
    "additionalProperties": false
   },
   "OAuthStart": {
    "type": "object",
    "properties": {
     "authorize_url": {
      "type": "string",
      "format": "uri"
     },
     "state": {
      "type": "string"
     }
    },
    "required": [
     "authorize_url",
     "state"
    ],
    "additionalProperties": false
   },
   "AnomalyCheck": {
    "type": "object",
    "description": "A timestamped series (`points`), or an evenly spaced one (`values` with `period`, its season length in points). Each point is judged causally, from the points before it only.",
    "properties": {
     "points": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "ts": {
         "type": "string",
         "description": "RFC 3339"
        },
        "value": {
         "type": [
          "number",
          "null"
         ]
        }
       },
       "required": [
        "ts"
       ],
       "additionalProperties": false
      }
     },
     "values": {
      "type": "array",
      "items": {
       "type": [
        "number",
        "null"
       ]
      }
     },
     "period": {
      "type": "integer",
      "minimum": 2,
      "maximum": 10080
     }
    },
    "additionalProperties": false
   },
   "AnomalyCheckResult": {
    "type": "object",
    "properties": {
     "points": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "ts": {
         "type": [
          "string",
          "null"
         ]
        },
        "value": {
         "type": [
          "number",
          "null"
         ]
        },
        "expected": {
         "type": [
          "number",
          "null"
         ]
        },
        "lower": {
         "type": [
          "number",
          "null"
         ]
        },
        "upper": {
         "type": [
          "number",
          "null"
         ]
        },
        "score": {
         "type": "number",
         "minimum": 0,
         "maximum": 1
        },
        "anomaly": {
         "type": "boolean"
        }
       },
       "required": [
        "ts",
        "value",
        "expected",
        "lower",
        "upper",
        "score",
        "anomaly"
       ],
       "additionalProperties": false
      }
     },
     "notes": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "points",
     "notes"
    ],
    "additionalProperties": false
   },
   "Anomaly": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "metric": {
      "type": "string"
     },
     "entity_key": {
      "type": "string",
      "description": "absent for the whole workspace; a provider, or provider:campaign:id"
     },
     "entity_label": {
      "type": "string"
     },
     "ts": {
      "type": "string",
      "description": "start of the bucket"
     },
     "observed": {
      "type": "number"
     },
     "expected": {
      "type": "number"
     },
     "score": {
      "type": "number"
     },
     "severity": {
      "enum": [
       "low",
       "medium",
       "high"
      ]
     },
     "direction": {
      "enum": [
       "up",
       "down"
      ]
     },
     "incident_id": {
      "type": "string"
     },
     "status": {
      "enum": [
       "open",
       "acknowledged",
       "muted"
      ]
     }
    },
    "required": [
     "id",
     "metric",
     "entity_label",
     "ts",
     "observed",
     "expected",
     "score",
     "severity",
     "direction",
     "incident_id",
     "status"
    ],
    "additionalProperties": false
   },
   "AnomalyPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Anomaly"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "UpdateAnomaly": {
    "type": "object",
    "properties": {
     "status": {
      "enum": [
       "open",
       "acknowledged",
       "muted"
      ]
     }
    },
    "required": [
     "status"
    ],
    "additionalProperties": false
   },
   "MonitorResult": {
    "type": "object",
    "properties": {
     "series_scored": {
      "type": "integer"
     },
     "anomalies_found": {
      "type": "integer"
     },
     "notifications_queued": {
      "type": "integer"
     }
    },
    "required": [
     "series_scored",
     "anomalies_found",
     "notifications_queued"
    ],
    "additionalProperties": false
   },
   "AlertRule": {
    "type": "object",
    "description": "`anomaly`: notify on anomalies of `metric` (or `*`) with severity >= `min_severity`, for `entity_key` or any entity. `threshold`: notify when `metric` of `entity_key` (the workspace when absent) stays `above`/`below` `threshold` for `buckets` consecutive buckets.",
    "properties": {
     "id": {
      "type": "string",
      "readOnly": true
     },
     "name": {
      "type": "string"
     },
     "kind": {
      "enum": [
       "anomaly",
       "threshold"
      ]
     },
     "metric": {
      "type": "string"
     },
     "entity_key": {
      "type": "string"
     },
     "min_severity": {
      "enum": [
       "low",
       "medium",
       "high"
      ]
     },
     "comparator": {
      "enum": [
       "above",
       "below"
      ]
     },
     "threshold": {
      "type": "number"
     },
     "buckets": {
      "type": "integer",
      "minimum": 1,
      "maximum": 168
     },
     "webhook_url": {
      "type": "string",
      "format": "uri"
     },
     "webhook_format": {
      "enum": [
       "json",
       "slack"
      ]
     },
     "muted_until": {
      "type": "string",
      "readOnly": true
     },
     "created_at": {
      "type": "string",
      "readOnly": true
     }
    },
    "required": [
     "name",
     "kind",
     "metric",
     "webhook_url"
    ],
    "additionalProperties": false
   },
   "AlertRuleList": {
    "type": "object",
    "properties": {
     "rules": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AlertRule"
      }
     }
    },
    "required": [
     "rules"
    ],
    "additionalProperties": false
   },
   "MuteRule": {
    "type": "object",
    "properties": {
     "until": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "additionalProperties": false
   },
   "AlertDelivery": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "rule_id": {
      "type": "string"
     },
     "anomaly_id": {
      "type": "string"
     },
     "summary": {
      "type": "string"
     },
     "status": {
      "enum": [
       "pending",
       "delivered",
       "failed"
      ]
     },
     "attempts": {
      "type": "integer"
     },
     "last_status_code": {
      "type": "integer"
     },
     "last_error": {
      "type": "string"
     },
     "created_at": {
      "type": "string"
     },
     "delivered_at": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "rule_id",
     "summary",
     "status",
     "attempts",
     "created_at"
    ],
    "additionalProperties": false
   },
   "AlertDeliveryPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AlertDelivery"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "items",
     "next_cursor"
    ],
    "additionalProperties": false
   },
   "LocalizeResult": {
    "type": "object",
    "required": [
     "root_causes"
    ],
    "additionalProperties": false,
    "properties": {
     "root_causes": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "elements",
        "score"
       ],
       "additionalProperties": false,
       "properties": {
        "elements": {
         "type": "object",
         "additionalProperties": {
          "type": "string"
         },
         "description": "attribute -> value; more than one entry is a conjunction"
        },
        "score": {
         "type": "number",
         "description": "the share of the deviation this element explains, 0..1"
        }
       }
      }
     }
    }
   },
   "DefinitionWrite": {
    "type": "object",
    "properties": {
     "yaml": {
      "type": "string"
     },
     "expected_version": {
      "type": "integer",
      "minimum": 0
     }
    },
    "required": [
     "yaml"
    ],
    "additionalProperties": false
   },
   "Definition": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "owner": {
      "type": "string"
     },
     "unit": {
      "type": "string"
     },
     "formula": {
      "type": "string"
     },
     "sql": {
      "type": "string"
     },
     "tags": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "criticality": {
      "type": "string"
     },
     "builtin": {
      "type": "boolean"
     },
     "version": {
      "type": "integer"
     },
     "deleted": {
      "type": "boolean"
     },
     "updated_by": {
      "type": "string"
     },
     "updated_at": {
      "type": "string",
      "format": "date-time"
     },
     "yaml": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "description",
     "owner",
     "unit",
     "tags",
     "criticality",
     "builtin",
     "version",
     "deleted"
    ]
   },
   "DefinitionList": {
    "type": "object",
    "properties": {
     "definitions": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Definition"
      }
     },
     "catalog_version": {
      "type": "integer"
     },
     "next_cursor": {
      "type": "string"
     }
    },
    "required": [
     "definitions",
     "catalog_version"
    ]
   },
   "Graph": {
    "type": "object",
    "properties": {
     "nodes": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "kind": {
         "type": "string",
         "enum": [
          "source",
          "measure",
          "derived",
          "custom"
         ]
        },
        "label": {
         "type": "string"
        },
        "criticality": {
         "type": "string"
        }
       },
       "required": [
        "id",
        "kind",
        "label"
       ]
      }
     },
     "edges": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "from": {
         "type": "string"
        },
        "to": {
         "type": "string"
        }
       },
       "required": [
        "from",
        "to"
       ]
      }
     }
    },
    "required": [
     "nodes",
     "edges"
    ]
   },
   "Path": {
    "type": "object",
    "properties": {
     "nodes": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "nodes"
    ]
   },
   "Impact": {
    "type": "object",
    "properties": {
     "impacted": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "node": {
         "type": "string"
        },
        "distance": {
         "type": "integer"
        },
        "score": {
         "type": "number"
        }
       },
       "required": [
        "node",
        "distance",
        "score"
       ]
      }
     }
    },
    "required": [
     "impacted"
    ]
   },
   "ChangeEvent": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "deployment",
       "config",
       "connector",
       "definition"
      ]
     },
     "title": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "occurred_at": {
      "type": "string",
      "format": "date-time"
     },
     "actor": {
      "type": "string"
     },
     "nodes": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "minItems": 1
     },
     "attributes": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     }
    },
    "required": [
     "kind",
     "title",
     "nodes"
    ],
    "additionalProperties": false
   },
   "ChangeEventPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ChangeEvent"
      }
     },
     "next_cursor": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "items",
     "next_cursor"
    ]
   },
   "SuspectList": {
    "type": "object",
    "properties": {
     "suspects": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "event": {
         "$ref": "#/components/schemas/ChangeEvent"
        },
        "score": {
         "type": "number"
        },
        "anomaly_ids": {
         "type": "array",
         "items": {
          "type": "string"
         }
        },
        "metrics": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       },
       "required": [
        "event",
        "score",
        "anomaly_ids",
        "metrics"
       ]
      }
     }
    },
    "required": [
     "suspects"
    ]
   },
   "ExplainRequest": {
    "type": "object",
    "properties": {
     "metric": {
      "type": "string"
     },
     "time_range": {
      "$ref": "#/components/schemas/TimeRange"
     },
     "comparison": {
      "type": "object",
      "properties": {
       "type": {
        "type": "string",
        "enum": [
         "previous_period",
         "year_over_year",
         "custom"
        ]
       },
       "start": {
        "type": "string",
        "format": "date"
       },
       "end": {
        "type": "string",
        "format": "date"
       }
      },
      "required": [
       "type"
      ],
      "additionalProperties": false
     },
     "filters": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "dimension": {
         "type": "string"
        },
        "op": {
         "type": "string",
         "enum": [
          "in",
          "not_in",
          "contains"
         ]
        },
        "values": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       },
       "required": [
        "dimension",
        "values"
       ],
       "additionalProperties": false
      }
     },
     "as_of": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "metric"
    ],
    "additionalProperties": false
   },
   "ExplainResult": {
    "type": "object",
    "properties": {
     "metric": {
      "type": "string"
     },
     "range": {
      "type": "object",
      "properties": {
       "start": {
        "type": "string"
       },
       "end": {
        "type": "string"
       }
      },
      "required": [
       "start",
       "end"
      ]
     },
     "comparison_range": {
      "type": "object",
      "properties": {
       "start": {
        "type": "string"
       },
       "end": {
        "type": "string"
       }
      },
      "required": [
       "start",
       "end"
      ]
     },
     "value": {
      "type": [
       "number",
       "null"
      ]
     },
     "previous": {
      "type": [
       "number",
       "null"
      ]
     },
     "change": {
      "type": [
       "number",
       "null"
      ]
     },
     "decomposition": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "input": {
         "type": "string"
        },
        "effect": {
         "type": "number"
        },
        "share": {
         "type": "number"
        }
       },
       "required": [
        "input",
        "effect"
       ]
      }
     },
     "root_causes": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "elements": {
         "type": "object",
         "additionalProperties": {
          "type": "string"
         },
         "description": "attribute -> value; more than one entry is a conjunction"
        },
        "context": {
         "type": "object",
         "additionalProperties": {
          "type": "string"
         },
         "description": "other attributes every leaf of the cause shares, e.g. the campaign and provider of an ad"
        },
        "score": {
         "type": "number",
         "description": "the share of the deviation this cause explains, 0..1"
        },
        "label": {
         "type": "string"
        },
        "value": {
         "type": [
          "number",
          "null"
         ],
         "description": "the metric within the cause over the range"
        },
        "previous": {
         "type": [
          "number",
          "null"
         ],
         "description": "the metric within the cause over the comparison range"
        }
       },
       "required": [
        "elements",
        "context",
        "score",
        "label",
        "value",
        "previous"
       ]
      }
     },
     "change_events": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ChangeEvent"
      }
     },
     "anomaly_ids": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "metric",
     "range",
     "comparison_range",
     "value",
     "previous",
     "change",
     "decomposition",
     "root_causes",
     "change_events",
     "anomaly_ids"
    ]
   }
  },
  "responses": {
   "E400": {
    "description": "bad input: malformed JSON, a bad parameter",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E401": {
    "description": "missing, invalid or expired credentials",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E403": {
    "description": "the role does not allow this",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E404": {
    "description": "no such object in this workspace",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E409": {
    "description": "conflicts with the current state",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E413": {
    "description": "the body is too large",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E422": {
    "description": "well-formed JSON with a wrong type, unknown or missing field (`field` names it)",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E429": {
    "description": "rate limited; see Retry-After",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "E503": {
    "description": "a dependency is unavailable",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "NotModified": {
    "description": "not modified since the ETag given"
   },
   "E415": {
    "description": "the body is not text/csv",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   }
  }
 }
}
"""#
}
