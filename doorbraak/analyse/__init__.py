"""Programmaoverzichten over veel aanvragen (de monitor). pandas hoort hier, en alleen hier."""
