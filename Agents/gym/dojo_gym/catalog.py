"""The five actions as the Gymnasium package sees them.

These constants mirror Dojo's `ActionCatalog` (`dojo actions --json`, the protocol's `actions`
method). A Swift test compares them with the catalogue, and every environment checks them against
the server it talks to before its first episode, so they cannot drift apart silently.
"""

# The action type of the `Discrete(5)` space, in MLE-Dojo's order.
ACTION_TYPES = ("request_info", "validate_code", "execute_code", "get_history", "reset")

# What `request_info` can ask for.
INFO_TYPES = ("overview", "data_structure", "sample_submission", "data_path", "output_path", "name", "metadata", "all")

# The longest `code` Dojo accepts, in characters (Unicode code points).
MAX_CODE_CHARACTERS = 1_000_000

# Which actions take which parameter.
CODE_ACTIONS = ("validate_code", "execute_code")
INFO_ACTIONS = ("request_info",)


def describe():
    """The catalogue as this package knows it, in the shape of the protocol's `actions` answer."""
    return {
        "actions": list(ACTION_TYPES),
        "info_types": list(INFO_TYPES),
        "max_code_characters": MAX_CODE_CHARACTERS,
        "parameters": {
            name: (["code"] if name in CODE_ACTIONS else ["info_type"] if name in INFO_ACTIONS else [])
            for name in ACTION_TYPES
        },
    }


def check_against(server_catalogue):
    """Raises `RuntimeError` naming the difference when the server's catalogue is not this one."""
    names = [entry["name"] for entry in server_catalogue.get("actions", [])]
    required = {
        entry["name"]: [p["name"] for p in entry.get("parameters", []) if p.get("required")]
        for entry in server_catalogue.get("actions", [])
    }
    mine = describe()
    problems = []
    if names != mine["actions"]:
        problems.append(f"actions {names} != {mine['actions']}")
    if server_catalogue.get("info_types") != mine["info_types"]:
        problems.append(f"info types {server_catalogue.get('info_types')} != {mine['info_types']}")
    if server_catalogue.get("max_code_characters") != MAX_CODE_CHARACTERS:
        problems.append(f"max code characters {server_catalogue.get('max_code_characters')} != {MAX_CODE_CHARACTERS}")
    if names == mine["actions"] and required != mine["parameters"]:
        problems.append(f"parameters {required} != {mine['parameters']}")
    if problems:
        raise RuntimeError(
            "this dojo_gym does not match the dojo it talks to (" + "; ".join(problems)
            + "): install dojo_gym from the same checkout as the dojo binary"
        )
