"""The five tabs of the desk app: check-in, lunch, Megafon, supplies, day."""
