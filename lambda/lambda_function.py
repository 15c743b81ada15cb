"""AWS Lambda entry point of the skill: handler name `lambda_function.lambda_handler`."""

from mairie.alexa.skill import lambda_handler

__all__ = ["lambda_handler"]
