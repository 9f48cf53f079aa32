from django.conf import settings


def practice(request):
    return {
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
    }
