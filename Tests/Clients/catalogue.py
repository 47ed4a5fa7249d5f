"""Prints what dojo_gym knows of the action catalogue, for CatalogueAgreementTests."""

import json

from dojo_gym import catalog
from dojo_gym.env import DojoEnv

env = DojoEnv("titanic")
print(json.dumps({
    "catalogue": catalog.describe(),
    "action_type_n": int(env.action_space["action_type"].n),
    "code_max_length": env.action_space["code"].max_length,
    "info_type_max_length": env.action_space["info_type"].max_length,
}))
