from guichet.intake.models.online_application import OnlineApplication, OnlineForm
from guichet.intake.models.paper_receipt import PaperReceipt, ReceiptSource

__all__ = ["OnlineApplication", "OnlineForm", "PaperReceipt", "ReceiptSource"]
